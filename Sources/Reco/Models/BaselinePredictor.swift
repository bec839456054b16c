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

    /// The hyperparameters it was trained with.
    public let configuration: Configuration
    /// μ, the training mean.
    public let mean: Float
    /// b_u per user.
    public let userBiases: [Float]
    /// b_i per item.
    public let itemBiases: [Float]
    public var userCount: Int { userBiases.count }
    public var itemCount: Int { itemBiases.count }

    /// A model from known biases.
    public init(mean: Float, userBiases: [Float], itemBiases: [Float], configuration: Configuration = Configuration()) {
        self.configuration = configuration
        self.mean = mean
        self.userBiases = userBiases
        self.itemBiases = itemBiases
    }

    /// Fits the biases on `ratings`.
    ///
    /// - Throws: `ModelError.invalidParameter` for a value out of its domain.
    public static func fit(
        _ ratings: RatingMatrix, configuration: Configuration = Configuration()
    ) throws(ModelError) -> BaselinePredictor {
        try hyperparameters.validate(configuration)
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
        return BaselinePredictor(
            mean: Float(mu), userBiases: userBiases.map(Float.init), itemBiases: itemBiases.map(Float.init),
            configuration: configuration)
    }

    public func baselinePrediction(user: Int?, item: Int?) -> Float? {
        biasedBaseline(mean: mean, userBiases: userBiases, itemBiases: itemBiases, user: user, item: item)
    }

    public func predict(user: Int, item: Int) -> Float {
        mean + userBiases[user] + itemBiases[item]
    }
}

extension BaselinePredictor: TrainableModel {
    public static let descriptor = ModelDescriptor(
        name: "baseline", aliases: ["baselineonly", "baseline-only"],
        summary: "μ + b_u + b_i by regularised alternating least squares (Koren; Surprise's BaselineOnly)",
        personalizesRankings: false)
    public static let hyperparameters = Hyperparameters(
        defaults: Configuration(),
        [
            Hyperparameter(
                "regularization", domain: .real(.nonNegative),
                help: "sets regularization-item and regularization-user at once"
            ) {
                text, configuration throws(ModelError) in
                guard let value = Double(text), value.isFinite, value >= 0 else {
                    throw .invalidParameter(
                        name: "regularization", value: text,
                        expected: HyperparameterDomain.real(.nonNegative).description)
                }
                configuration.itemRegularization = value
                configuration.userRegularization = value
            } format: { _ in
                nil
            },
            .integer("epochs", \.epochs, help: "alternating passes over items, then users"),
            .real("regularization-item", \.itemRegularization, .nonNegative, help: "λ_i, the shrinkage of item biases"),
            .real("regularization-user", \.userRegularization, .nonNegative, help: "λ_u, the shrinkage of user biases"),
        ])

    public static func train(
        _ data: TrainingData, configuration: Configuration, observer: TrainingObserver?
    ) throws(ModelError) -> Self {
        try fit(data.ratings, configuration: configuration)
    }

    public func archive(into archive: inout ModelArchive) {
        archive.floats["mean"] = [mean]
        archive.floats["user-biases"] = userBiases
        archive.floats["item-biases"] = itemBiases
    }

    public init(from reader: ArchiveReader, configuration: Configuration) throws(ModelFileError) {
        self.init(
            mean: try reader.scalar("mean"), userBiases: try reader.perUser("user-biases"),
            itemBiases: try reader.perItem("item-biases"),
            configuration: configuration)
    }

    /// μ + b_u + b_i with the new user's bias b_u = Σ (r − μ − b_i) / (λ_u + n) over their n ratings
    /// (one user step of the training): the order is everyone's, the level is theirs.
    public func foldIn(items: [Int], ratings: [Float]) -> [Float] {
        let userBias = foldInBias(items: items, ratings: ratings)
        return itemBiases.map { mean + userBias + $0 }
    }

    /// A new user's b_u.
    func foldInBias(items: [Int], ratings: [Float]) -> Float {
        var sum = 0.0
        for (item, rating) in zip(items, ratings) { sum += Double(rating - mean - itemBiases[item]) }
        return Float(sum / (configuration.userRegularization + Double(items.count)))
    }

    /// μ, b_u and b_i (a new user's b_u from their ratings).
    public func explain(items: [Int], for user: ExplainedUser) -> [Explanation]? {
        let userBias = user.user.map { userBiases[$0] } ?? foldInBias(items: user.items, ratings: user.ratings)
        return explanations(of: items, for: user) { item in baselineTerms(userBias: userBias, item: item) }
    }

    /// μ, b_u and b_i as terms.
    func baselineTerms(userBias: Float, item: Int) -> [ExplanationTerm] {
        [
            ExplanationTerm(.mean, mean), ExplanationTerm(.userBias, userBias),
            ExplanationTerm(.itemBias, itemBiases[item]),
        ]
    }
}
