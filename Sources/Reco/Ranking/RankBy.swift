/// What a rating model's lists are ordered by.
///
/// A model trained only on the ratings that exist predicts stars well and ranks poorly: its top
/// items are those with high predicted stars, rarely what a user picks next (Cremonesi, Koren &
/// Turrin 2010; Steck 2010). A rating model trained with an `InterestRanker` orders lists by how
/// likely the user is to pick each item, nudged by the stars it predicts.
public enum RankBy: String, Sendable, CaseIterable, CustomStringConvertible {
    /// The interest score (the ranker's interaction score plus the weighted predicted rating) when
    /// the model has an `InterestRanker`; the predicted rating otherwise.
    case interest
    /// The predicted rating alone (the order of the builds before rankers).
    case rating

    /// The name, as `--rank-by` spells it.
    public var description: String { rawValue }
}
