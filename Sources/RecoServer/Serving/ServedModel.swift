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

    /// Re-solves the user's vector with the item side fixed (fold-in) from their training ratings
    /// and updates. Factor models whose fold-in is a ridge keep running sums, so only the ratings
    /// added since the last solve are touched; other models recompute their fold-in scores.
    func refresh(user id: String, updates: inout UserUpdates) {
        defer { updates.isCurrent = true }
        let training = saved.training
        let user = training.userIDs.index(of: id)
        if updates.foldIn == nil, var foldIn = IncrementalFoldIn(model: saved.model) {
            if let user {
                for position in training.userRange(user) {
                    foldIn.add(item: Int(training.userItems[position]), rating: training.userRatings[position])
                }
            }
            updates.foldIn = foldIn
            updates.reflectedIDs = []
            updates.reflectedValues = []
        }
        guard var foldIn = updates.foldIn else {
            let input = foldInInput(user: id, updates: updates)
            updates.scores = input.items.isEmpty ? nil : saved.foldInScores(items: input.items, ratings: input.ratings)
            return
        }
        for position in updates.items.indices {
            let reflected = position < updates.reflectedIDs.count
            if reflected && updates.reflectedIDs[position] == updates.ratingIDs[position] { continue }
            let rating = updates.ratings[position]
            var value = Float.nan
            if let item = training.itemIDs.index(of: updates.items[position]) {
                if reflected {
                    foldIn.remove(item: item, rating: updates.reflectedValues[position])
                } else if let user, let trained = training.rating(user: user, item: item) {
                    foldIn.remove(item: item, rating: trained)
                }
                foldIn.add(item: item, rating: rating)
                value = rating
            }
            if reflected {
                updates.reflectedIDs[position] = updates.ratingIDs[position]
                updates.reflectedValues[position] = value
            } else {
                updates.reflectedIDs.append(updates.ratingIDs[position])
                updates.reflectedValues.append(value)
            }
        }
        updates.foldIn = foldIn
        updates.vector = foldIn.count > 0 ? foldIn.vector(startingFrom: updates.vector) : nil
    }

    /// The fold-in scores of a user whose updates are current, or `nil` when none of their ratings
    /// is of an item the model knows.
    func scores(_ updates: UserUpdates) -> [Float]? {
        if let vector = updates.vector, let foldIn = updates.foldIn { return foldIn.scores(vector: vector) }
        return updates.scores
    }
}
