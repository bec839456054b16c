/// The item and user features a dataset has, by id: what training data is given for any set of
/// ratings drawn from it (a split's, a retrain's), matched by id.
public struct SideFeatures: Sendable {
    /// Item features by id, or `nil`.
    public var items: FeatureTable?
    /// User features by id, or `nil`.
    public var users: FeatureTable?

    /// The features of a dataset, or none.
    public init(items: FeatureTable? = nil, users: FeatureTable? = nil) {
        self.items = items
        self.users = users
    }

    /// The features of `dataset`.
    public init(_ dataset: Dataset) {
        self.init(items: dataset.itemFeatureTable, users: dataset.userFeatureTable)
    }

    /// `ratings` with the features of its items and users, matched by id (zeros for an id without a row).
    public func trainingData(for ratings: RatingMatrix) -> TrainingData {
        TrainingData(
            ratings: ratings, itemFeatures: items?.aligned(to: ratings.itemIDs),
            userFeatures: users?.aligned(to: ratings.userIDs))
    }
}
