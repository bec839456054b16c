public import Reco

/// One trained model as the service serves it. It never changes once built: a retrain builds a
/// new one and `LiveModel` swaps the reference.
public final class ServedModel: Sendable {
    /// The model with its ids, titles and training ratings.
    public let saved: SavedModel
    /// The service's version number of this model (1, 2, … across retrains).
    public let version: Int
    /// The row id of the newest database rating the model was trained on: newer ratings are
    /// applied by fold-in until the next retrain.
    public let lastRatingID: Int64

    /// Wraps a trained model.
    public init(saved: SavedModel, version: Int, lastRatingID: Int64) {
        self.saved = saved
        self.version = version
        self.lastRatingID = lastRatingID
    }

    /// The item indices `user` rated in training (empty for a user the model does not know).
    func trainedItems(ofUser id: String) -> [Int] {
        guard let user = saved.training.userIDs.index(of: id) else { return [] }
        return saved.training.userItems[saved.training.userRange(user)].map(Int.init)
    }

    /// The fold-in input for a user: their training ratings, replaced and extended by `updates`
    /// (ratings of items the model does not know are left out).
    func foldInInput(user id: String, updates: UserUpdates) -> (items: [Int], ratings: [Float]) {
        var values: [Int: Float] = [:]
        var order: [Int] = []
        if let user = saved.training.userIDs.index(of: id) {
            let range = saved.training.userRange(user)
            for position in range {
                let item = Int(saved.training.userItems[position])
                values[item] = saved.training.userRatings[position]
                order.append(item)
            }
        }
        for (item, rating) in zip(updates.items, updates.ratings) {
            guard let index = saved.training.itemIDs.index(of: item) else { continue }
            if values.updateValue(rating, forKey: index) == nil { order.append(index) }
        }
        return (order, order.map { values[$0]! })
    }

    /// Fold-in scores for a user with updates, or `nil` when none of their ratings is of an item
    /// the model knows.
    func foldInScores(user id: String, updates: UserUpdates) -> [Float]? {
        let input = foldInInput(user: id, updates: updates)
        guard !input.items.isEmpty else { return nil }
        return saved.foldInScores(items: input.items, ratings: input.ratings)
    }
}
