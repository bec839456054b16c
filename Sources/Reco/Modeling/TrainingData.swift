/// What a model is trained on: the ratings, and the side information some models need.
public struct TrainingData: Sendable {
    /// The training ratings.
    public var ratings: RatingMatrix
    /// Item features, one row per item of `ratings` in its item order, or `nil`.
    public var itemFeatures: FeatureMatrix?
    /// User features, one row per user of `ratings` in its user order, or `nil`.
    public var userFeatures: FeatureMatrix?

    /// Training data.
    ///
    /// - Precondition: `itemFeatures` and `userFeatures`, when given, have one row per item and user
    ///   of `ratings`.
    public init(ratings: RatingMatrix, itemFeatures: FeatureMatrix? = nil, userFeatures: FeatureMatrix? = nil) {
        precondition(
            itemFeatures.map { $0.matrix.rows == ratings.itemCount } ?? true, "item features must have one row per item"
        )
        precondition(
            userFeatures.map { $0.matrix.rows == ratings.userCount } ?? true, "user features must have one row per user"
        )
        self.ratings = ratings
        self.itemFeatures = itemFeatures
        self.userFeatures = userFeatures
    }

    /// The item features, or an error saying how to give them.
    func requireItemFeatures(for model: String) throws(ModelError) -> FeatureMatrix {
        guard let itemFeatures else {
            throw .missingInput(
                "\(model) needs item features: use data with genres (a MovieLens or RecBole folder) or pass --item-features FILE"
            )
        }
        return itemFeatures
    }
}
