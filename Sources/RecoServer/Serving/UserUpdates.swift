import Reco

/// What the service learned about one user since its model was trained: the ratings received
/// (latest per item) and the scores their re-solved vector gives every item.
public struct UserUpdates: Sendable {
    /// Item ids in the order first rated.
    public private(set) var items: [String] = []
    /// The latest rating of each item in `items`.
    public private(set) var ratings: [Float] = []
    /// The database row id of each rating in `ratings`.
    public private(set) var ratingIDs: [Int64] = []
    /// Whether the fold-in below reflects every rating in `ratings`.
    var isCurrent = false
    /// The re-solved vector (factor models with an incremental fold-in), current when `isCurrent`.
    var vector: [Float]?
    /// Fold-in scores over the model's items (other models), current when `isCurrent`.
    var scores: [Float]?
    /// The running sums behind `vector`, and the rating id and value each position of `items`
    /// had when it was added to them (NaN: an item the model does not know).
    var foldIn: IncrementalFoldIn?
    var reflectedIDs: [Int64] = []
    var reflectedValues: [Float] = []
    private var positions: [String: Int] = [:]

    /// No updates.
    public init() {}

    /// Records a rating (a later rating of the same item replaces the earlier one) and marks the
    /// scores stale.
    mutating func apply(_ rating: StoredRating) {
        if let position = positions[rating.item] {
            guard rating.id >= ratingIDs[position] else { return }
            ratings[position] = rating.rating
            ratingIDs[position] = rating.id
        } else {
            positions[rating.item] = items.count
            items.append(rating.item)
            ratings.append(rating.rating)
            ratingIDs.append(rating.id)
        }
        isCurrent = false
    }

    /// The updates that a model trained through row id `lastRatingID` does not hold yet, or `nil`
    /// when it holds them all.
    func after(_ lastRatingID: Int64) -> UserUpdates? {
        var kept = UserUpdates()
        for position in items.indices where ratingIDs[position] > lastRatingID {
            kept.apply(
                StoredRating(
                    id: ratingIDs[position], user: "", item: items[position], rating: ratings[position], timestamp: 0))
        }
        return kept.items.isEmpty ? nil : kept
    }
}
