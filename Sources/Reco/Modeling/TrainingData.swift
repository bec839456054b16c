/// What a model is trained on: the ratings, and the side information some models need.
public struct TrainingData: Sendable {
    /// The training ratings.
    public var ratings: RatingMatrix
    /// Item features, one row per item of `ratings` in its item order, or `nil`.
    public var itemFeatures: ItemFeatures?

    /// Training data.
    ///
    /// - Precondition: `itemFeatures`, when given, has one row per item of `ratings`.
    public init(ratings: RatingMatrix, itemFeatures: ItemFeatures? = nil) {
        precondition(
            itemFeatures.map { $0.matrix.rows == ratings.itemCount } ?? true, "item features must have one row per item"
        )
        self.ratings = ratings
        self.itemFeatures = itemFeatures
    }

    /// The item features, or an error saying how to give them.
    func requireItemFeatures(for model: String) throws(ModelError) -> ItemFeatures {
        guard let itemFeatures else {
            throw .missingInput(
                "\(model) needs item features: use data with genres (a MovieLens or RecBole folder) or pass --item-features FILE"
            )
        }
        return itemFeatures
    }
}
