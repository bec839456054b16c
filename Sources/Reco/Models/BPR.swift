/// Bayesian Personalized Ranking (Rendle, Freudenthaler, Gantner & Schmidt-Thieme 2009): matrix
/// factorization trained to rank each user's items above the others, by SGD on sampled triples.
///
/// For a user u, an item i they interacted with and an item j drawn uniformly among all items
/// (resampled while u interacted with it), with x_uij = p_u · (q_i − q_j) + b_i − b_j:
/// ```
/// maximise Σ ln σ(x_uij) − λ (‖p_u‖² + ‖q_i‖² + ‖q_j‖² + b_i² + b_j²)
/// ```
/// Each epoch draws as many triples as there are interactions, from a seeded generator.
///
/// - Complexity: O(epochs · interactions · factors) to fit; O(factors) per score.
public struct BPR: RatingModel {
    /// Hyperparameters (those of `implicit`'s BPR).
    public struct Configuration: Sendable, Equatable {
        /// k, the length of p_u and q_i.
        public var factors: Int
        /// Passes, each drawing as many triples as there are interactions.
        public var epochs: Int
        /// η, the SGD step size.
        public var learningRate: Float
        /// λ, the L2 penalty.
        public var regularization: Float
        /// Seed of the start and of the sampled triples.
        public var seed: UInt64

        /// Creates a configuration.
        public init(
            factors: Int = 100, epochs: Int = 100, learningRate: Float = 0.01, regularization: Float = 0.01,
            seed: UInt64 = 42
        ) {
            self.factors = factors
            self.epochs = epochs
            self.learningRate = learningRate
            self.regularization = regularization
            self.seed = seed
        }
    }

    /// The hyperparameters it was trained with.
    public let configuration: Configuration
    /// p_u, users × k.
    public private(set) var userFactors: DenseMatrix
    /// q_i, items × k.
    public private(set) var itemFactors: DenseMatrix
    /// b_i.
    public private(set) var itemBiases: [Float]

    /// A model from known parameters.
    ///
    /// - Precondition: factor matrices of one width and one bias per item.
    public init(
        userFactors: DenseMatrix, itemFactors: DenseMatrix, itemBiases: [Float],
        configuration: Configuration = Configuration()
    ) {
        precondition(
            userFactors.columns == itemFactors.columns && itemBiases.count == itemFactors.rows,
            "BPR's parts differ in size")
        self.configuration = configuration
        self.userFactors = userFactors
        self.itemFactors = itemFactors
        self.itemBiases = itemBiases
    }

    public var userCount: Int { userFactors.rows }
    public var itemCount: Int { itemFactors.rows }
    public var userVectors: DenseMatrix? { userFactors }
    public var itemVectors: DenseMatrix? { itemFactors }

    public func predict(user: Int, item: Int) -> Float {
        itemBiases[item] + userFactors.dot(row: user, itemFactors, row: item)
    }

    public func scoreItems(forUser user: Int, into scores: inout MutableSpan<Float>) {
        userFactors.scoreRows(of: itemFactors, against: user, base: 0, biases: itemBiases, into: &scores)
    }

    /// Trains on the interactions in `ratings`; the observer gets each epoch's mean −ln σ(x_uij).
    ///
    /// - Throws: `ModelError.invalidParameter` for a value out of its domain.
    public static func fit(
        _ ratings: RatingMatrix, configuration: Configuration = Configuration(), observer: TrainingObserver? = nil
    ) throws(ModelError) -> BPR {
        try hyperparameters.validate(configuration)
        var generator = SeededGenerator(seed: configuration.seed)
        let k = configuration.factors
        let scale = 1 / Float(k).squareRoot()
        var model = BPR(
            userFactors: .randomNormal(
                rows: ratings.userCount, columns: k, standardDeviation: 0.1 * scale, using: &generator),
            itemFactors: .randomNormal(
                rows: ratings.itemCount, columns: k, standardDeviation: 0.1 * scale, using: &generator),
            itemBiases: [Float](repeating: 0, count: ratings.itemCount), configuration: configuration)
        let users = ratings.ratingList.users
        let n = ratings.count
        guard n > 0, ratings.itemCount > 1 else { return model }
        let eta = configuration.learningRate
        let lambda = configuration.regularization
        var difference = [Float](repeating: 0, count: k)
        for epoch in 0..<configuration.epochs {
            var total = 0.0
            model.userFactors.storage.withUnsafeMutableBufferPointer { pBuffer in
                model.itemFactors.storage.withUnsafeMutableBufferPointer { qBuffer in
                    difference.withUnsafeMutableBufferPointer { dBuffer in
                        let p = pBuffer.baseAddress!, q = qBuffer.baseAddress!, d = dBuffer.baseAddress!
                        for _ in 0..<n {
                            let position = Int(generator.next() % UInt64(n))
                            let user = Int(users[position])
                            let positive = Int(ratings.userItems[position])
                            var negative = Int(generator.next() % UInt64(ratings.itemCount))
                            var tries = 0
                            while ratings.rating(user: user, item: negative) != nil && tries < 20 {
                                negative = Int(generator.next() % UInt64(ratings.itemCount))
                                tries += 1
                            }
                            guard ratings.rating(user: user, item: negative) == nil else { continue }
                            let pu = p + user * k, qi = q + positive * k, qj = q + negative * k
                            for c in 0..<k { d[c] = qi[c] - qj[c] }
                            let x =
                                Kernels.dot(pu, d, count: k) + model.itemBiases[positive] - model.itemBiases[negative]
                            let sigmoid = 1 / (1 + _expf(x))  // σ(−x): the gradient weight
                            total += Double(_log1pexp(-x))
                            // ∂/∂p_u = σ(−x)(q_i − q_j); ∂/∂q_i = σ(−x) p_u; ∂/∂q_j = −σ(−x) p_u.
                            for c in 0..<k {
                                let pc = pu[c]
                                pu[c] += eta * (sigmoid * d[c] - lambda * pc)
                                qi[c] += eta * (sigmoid * pc - lambda * qi[c])
                                qj[c] += eta * (-sigmoid * pc - lambda * qj[c])
                            }
                            model.itemBiases[positive] += eta * (sigmoid - lambda * model.itemBiases[positive])
                            model.itemBiases[negative] += eta * (-sigmoid - lambda * model.itemBiases[negative])
                        }
                    }
                }
            }
            observer?(
                TrainingProgress(step: epoch, totalSteps: configuration.epochs, loss: total / Double(n), model: model))
        }
        return model
    }
}

extension BPR: TrainableModel {
    public static let descriptor = ModelDescriptor(
        name: "bpr",
        summary:
            "implicit feedback: Bayesian Personalized Ranking, SGD on seeded (user, positive, uniform negative) triples",
        ranksOnly: true)
    public static let hyperparameters = Hyperparameters(
        defaults: Configuration(),
        [
            .integer("factors", \.factors, minimum: 1, help: "k, the length of p_u and q_i"),
            .integer("epochs", \.epochs, help: "passes, each drawing one triple per interaction"),
            .real("learning-rate", \.learningRate, .positive, help: "η, the SGD step size"),
            .real("regularization", \.regularization, .nonNegative, help: "λ, the L2 penalty"),
            .seed(\.seed, help: "seed of the start and of the sampled triples"),
        ])

    public static func train(
        _ data: TrainingData, configuration: Configuration, observer: TrainingObserver?
    ) throws(ModelError) -> Self {
        try fit(data.ratings, configuration: configuration, observer: observer)
    }

    public func archive(into archive: inout ModelArchive) {
        archive.set(userFactors, as: "user-factors")
        archive.set(itemFactors, as: "item-factors")
        archive.floats["item-biases"] = itemBiases
    }

    public init(from reader: ArchiveReader, configuration: Configuration) throws(ModelFileError) {
        let (p, q) = try reader.factors()
        self.init(
            userFactors: p, itemFactors: q, itemBiases: try reader.perItem("item-biases"), configuration: configuration)
    }

    /// p = the mean of the given items' vectors: the direction BPR's gradient pushes a new user.
    public func foldIn(items: [Int], ratings: [Float]) -> [Float] {
        let k = itemFactors.columns
        var p = [Float](repeating: 0, count: k)
        for j in items { for c in 0..<k { p[c] += itemFactors[j, c] / Float(items.count) } }
        return itemFactors.scores(against: p, base: 0, biases: itemBiases)
    }

    /// b_i and p_u·q_i over the items the user interacted with. A new user's p is the mean of their
    /// items' vectors, so item j adds q_j·q_i / n exactly. BPR has no closed-form user solve, so a
    /// trained user's p_u is viewed as a ridge regression (λ = 0.1 per item) of the user's own
    /// scores p_u·q_j on their items' vectors, and what that leaves is the residual term.
    public func explain(items: [Int], for user: ExplainedUser) -> [Explanation]? {
        guard let index = user.user else {
            guard !user.items.isEmpty else { return nil }
            let share = 1 / Float(user.items.count)
            return explanations(of: items, for: user) { item in
                let q = itemFactors.row(item)
                return [ExplanationTerm(.itemBias, itemBiases[item])]
                    + zip(user.items, user.ratings).map { j, rating in
                        ExplanationTerm(.ratedItem, share * itemFactors.dot(row: j, q), item: j, rating: rating)
                    }
            }
        }
        let vector = userFactors.row(index)
        let attribution = RatedItemAttribution(
            factors: itemFactors, items: user.items, targets: user.items.map { itemFactors.dot(row: $0, vector) },
            diagonal: 0.1 * Float(max(user.items.count, 1)))
        return explanations(of: items, for: user) { item in
            [ExplanationTerm(.itemBias, itemBiases[item])]
                + attribution.terms(
                    toward: itemFactors.row(item), ratings: user.ratings, actual: itemFactors.dot(row: item, vector))
        }
    }
}
