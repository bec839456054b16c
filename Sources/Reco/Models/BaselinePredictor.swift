/// Baseline estimates r̂(u, i) = μ + b_u + b_i, with the biases fitted by regularised alternating
/// least squares (Koren 2010, "Factor in the neighbors", section 2.1; Surprise's `BaselineOnly`).
///
/// Each epoch first sets every item bias, then every user bias, to its least-squares value given
/// the other:
///
/// ```
/// b_i = Σ_{u ∈ U(i)} (r_ui − μ − b_u) / (λ_i + |U(i)|)
/// b_u = Σ_{i ∈ I(u)} (r_ui − μ − b_i) / (λ_u + |I(u)|)
/// ```
///
/// - Complexity: O(epochs · ratings) to fit; O(1) per prediction.
public struct BaselinePredictor: RatingModel {
    /// Hyperparameters; the defaults are Surprise's (10 epochs, λ_i = 10, λ_u = 15).
    public struct Configuration: Sendable, Equatable {
        /// Alternating passes.
        public var epochs: Int
        /// λ_i, the shrinkage of item biases.
        public var itemRegularization: Double
        /// λ_u, the shrinkage of user biases.
        public var userRegularization: Double

        /// Creates a configuration.
        public init(epochs: Int = 10, itemRegularization: Double = 10, userRegularization: Double = 15) {
            self.epochs = epochs
            self.itemRegularization = itemRegularization
            self.userRegularization = userRegularization
        }
    }

    /// μ, the training mean.
    public let mean: Float
    /// b_u per user.
    public let userBiases: [Float]
    /// b_i per item.
    public let itemBiases: [Float]
    public var userCount: Int { userBiases.count }
    public var itemCount: Int { itemBiases.count }
    public var itemVectors: DenseMatrix? { nil }

    /// A model from known biases.
    public init(mean: Float, userBiases: [Float], itemBiases: [Float]) {
        self.mean = mean
        self.userBiases = userBiases
        self.itemBiases = itemBiases
    }

    /// Fits the biases on `ratings`.
    public static func fit(_ ratings: RatingMatrix, configuration: Configuration = Configuration()) throws(ModelError) -> BaselinePredictor {
        guard configuration.epochs >= 0 else { throw .invalidParameter(name: "epochs", value: "\(configuration.epochs)", expected: "≥ 0") }
        guard configuration.itemRegularization >= 0, configuration.userRegularization >= 0 else {
            throw .invalidParameter(name: "regularization", value: "\(configuration.itemRegularization)", expected: "≥ 0")
        }
        let mu = ratings.globalMean
        var userBiases = [Double](repeating: 0, count: ratings.userCount)
        var itemBiases = [Double](repeating: 0, count: ratings.itemCount)
        for _ in 0..<configuration.epochs {
            for item in 0..<ratings.itemCount {
                var sum = 0.0
                for p in ratings.itemRange(item) {
                    sum += Double(ratings.itemRatings[p]) - mu - userBiases[Int(ratings.itemUsers[p])]
                }
                itemBiases[item] = sum / (configuration.itemRegularization + Double(ratings.ratingCount(ofItem: item)))
            }
            for user in 0..<ratings.userCount {
                var sum = 0.0
                for p in ratings.userRange(user) {
                    sum += Double(ratings.userRatings[p]) - mu - itemBiases[Int(ratings.userItems[p])]
                }
                userBiases[user] = sum / (configuration.userRegularization + Double(ratings.ratingCount(ofUser: user)))
            }
        }
        return BaselinePredictor(mean: Float(mu), userBiases: userBiases.map(Float.init), itemBiases: itemBiases.map(Float.init))
    }

    public func baselinePrediction(user: Int?, item: Int?) -> Float? {
        biasedBaseline(mean: mean, userBiases: userBiases, itemBiases: itemBiases, user: user, item: item)
    }

    public func predict(user: Int, item: Int) -> Float {
        mean + userBiases[user] + itemBiases[item]
    }
}
