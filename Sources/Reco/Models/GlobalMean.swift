/// The floor of every rating table: predicts the training mean μ for everything.
public struct GlobalMean: RatingModel {
    /// μ.
    public let mean: Float
    public let userCount: Int
    public let itemCount: Int
    public var itemVectors: DenseMatrix? { nil }

    /// Fits μ on `ratings`.
    public init(_ ratings: RatingMatrix) {
        mean = Float(ratings.globalMean)
        userCount = ratings.userCount
        itemCount = ratings.itemCount
    }

    /// A model from a known mean.
    public init(mean: Float, userCount: Int, itemCount: Int) {
        self.mean = mean
        self.userCount = userCount
        self.itemCount = itemCount
    }

    public func predict(user: Int, item: Int) -> Float { mean }
}
