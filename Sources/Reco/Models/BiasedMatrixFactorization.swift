/// Biased matrix factorization trained by stochastic gradient descent.
///
/// Predicts
/// ```
/// r̂(u, i) = μ + b_u + b_i + p_u · q_i
/// ```
/// (Funk 2006; Koren, Bell & Volinsky 2009; Surprise's `SVD`). For every rating — users in index
/// order as Surprise visits them, each user's ratings in a seeded random order — with e = r − r̂:
/// ```
/// b_u ← b_u + η (e − λ b_u)        p_u ← p_u + η (e q_i − λ p_u)
/// b_i ← b_i + η (e − λ b_i)        q_i ← q_i + η (e p_u − λ q_i)
/// ```
/// With several threads the rating matrix is cut into blocks of users and items; in each
/// sub-epoch every thread takes a block that shares no user and no item with the others (FPSG,
/// Chin et al. 2015; see `SGDSchedule`), so updates never race and the model depends only on the
/// seed, the data and T.
///
/// - Complexity: O(epochs · ratings · factors) to fit; O(factors) per prediction.
public struct BiasedMatrixFactorization: RatingModel {
    /// Hyperparameters; the defaults are Surprise's `SVD`.
    public struct Configuration: Sendable, Equatable {
        /// k, the length of p_u and q_i.
        public var factors: Int
        /// Passes over the ratings.
        public var epochs: Int
        /// η, the SGD step size.
        public var learningRate: Float
        /// λ, the L2 penalty on biases and factors.
        public var regularization: Float
        /// Standard deviation of the N(0, σ²) factor initialisation.
        public var initialStandardDeviation: Float
        /// Seed of the factor initialisation and the visiting order.
        public var seed: UInt64
        /// Threads (blocks per side); `nil` uses every core.
        public var threads: Int?
        /// What lists rank by besides the predicted stars.
        public var interest: InterestRanker.Configuration

        /// Creates a configuration.
        public init(
            factors: Int = 100, epochs: Int = 20, learningRate: Float = 0.005, regularization: Float = 0.02,
            initialStandardDeviation: Float = 0.1, seed: UInt64 = 42, threads: Int? = nil,
            interest: InterestRanker.Configuration = InterestRanker.Configuration()
        ) {
            self.factors = factors
            self.epochs = epochs
            self.learningRate = learningRate
            self.regularization = regularization
            self.initialStandardDeviation = initialStandardDeviation
            self.seed = seed
            self.threads = threads
            self.interest = interest
        }
    }

    /// The hyperparameters it was trained with.
    public let configuration: Configuration
    /// μ.
    public let mean: Float
    /// b_u.
    public private(set) var userBiases: [Float]
    /// b_i.
    public private(set) var itemBiases: [Float]
    /// p_u, users × factors.
    public private(set) var userFactors: DenseMatrix
    /// q_i, items × factors.
    public private(set) var itemFactors: DenseMatrix
    /// What its lists rank by besides the predicted stars (`nil`: the stars alone).
    public private(set) var interestRanker: InterestRanker?

    public var userCount: Int { userFactors.rows }
    public var itemCount: Int { itemFactors.rows }
    public var userVectors: DenseMatrix? { userFactors }
    public var itemVectors: DenseMatrix? { itemFactors }

    /// A model from known parameters.
    ///
    /// - Precondition: one bias per user and item, and factor matrices of equal width.
    public init(
        mean: Float, userBiases: [Float], itemBiases: [Float], userFactors: DenseMatrix, itemFactors: DenseMatrix,
        interestRanker: InterestRanker? = nil, configuration: Configuration = Configuration()
    ) {
        precondition(
            userBiases.count == userFactors.rows && itemBiases.count == itemFactors.rows, "one bias per user and item")
        precondition(userFactors.columns == itemFactors.columns, "user and item factors differ in width")
        self.configuration = configuration
        self.mean = mean
        self.userBiases = userBiases
        self.itemBiases = itemBiases
        self.userFactors = userFactors
        self.itemFactors = itemFactors
        self.interestRanker = interestRanker
    }

    public func baselinePrediction(user: Int?, item: Int?) -> Float? {
        biasedBaseline(mean: mean, userBiases: userBiases, itemBiases: itemBiases, user: user, item: item)
    }

    public func predict(user: Int, item: Int) -> Float {
        mean + userBiases[user] + itemBiases[item] + userFactors.dot(row: user, itemFactors, row: item)
    }

    public func scoreItems(forUser user: Int, into scores: inout MutableSpan<Float>) {
        userFactors.scoreRows(
            of: itemFactors, against: user, base: mean + userBiases[user], biases: itemBiases, into: &scores)
    }

    /// Trains on `ratings`; the observer gets the mean squared training error of each epoch.
    ///
    /// - Throws: `ModelError.invalidParameter` for a value out of its domain.
    public static func fit(
        _ ratings: RatingMatrix, configuration: Configuration = Configuration(), observer: TrainingObserver? = nil
    ) throws(ModelError) -> BiasedMatrixFactorization {
        try hyperparameters.validate(configuration)
        var generator = SeededGenerator(seed: configuration.seed)
        let k = configuration.factors
        var model = BiasedMatrixFactorization(
            mean: Float(ratings.globalMean), userBiases: [Float](repeating: 0, count: ratings.userCount),
            itemBiases: [Float](repeating: 0, count: ratings.itemCount),
            userFactors: .randomNormal(
                rows: ratings.userCount, columns: k, standardDeviation: configuration.initialStandardDeviation,
                using: &generator),
            itemFactors: .randomNormal(
                rows: ratings.itemCount, columns: k, standardDeviation: configuration.initialStandardDeviation,
                using: &generator),
            configuration: configuration)
        let schedule = SGDSchedule(
            ratings, threads: configuration.threads ?? ProcessInfoCores.count, factors: k, seed: configuration.seed)
        let eta = configuration.learningRate
        let lambda = configuration.regularization
        let mu = model.mean
        for epoch in 0..<configuration.epochs {
            let squaredError = model.userBiases.withUnsafeMutableBufferPointer { bu in
                model.itemBiases.withUnsafeMutableBufferPointer { bi in
                    model.userFactors.storage.withUnsafeMutableBufferPointer { p in
                        model.itemFactors.storage.withUnsafeMutableBufferPointer { q in
                            let bu = bu.baseAddress!, bi = bi.baseAddress!, p = p.baseAddress!, q = q.baseAddress!
                            return schedule.run { users, items, values, range in
                                var sum: Double = 0
                                // Ratings come user by user: while updating p_u the loop already
                                // takes p_u's dot product with the user's next item.
                                var nextDot: Float? = nil
                                let last = range.upperBound - 1
                                // p_u is worked on in a 64-byte aligned copy: no 32-byte access to
                                // it crosses a cache line, so a step's loads of the lanes the step
                                // before stored are forwarded from the store buffer.
                                let pu = UnsafeMutableRawPointer.allocate(
                                    byteCount: k * MemoryLayout<Float>.size, alignment: 64
                                )
                                .bindMemory(to: Float.self, capacity: k)
                                var current = -1
                                defer {
                                    if current >= 0 { (p + current * k).update(from: pu, count: k) }
                                    pu.deallocate()
                                }
                                for index in range {
                                    // The item vector and bias of the rating a few steps on start
                                    // their way into the cache now (the hardware cannot guess the
                                    // next item; the user's vector is the one in use or the next row).
                                    let ahead = items[min(index + Prefetch.distance, last)]
                                    Prefetch.vector(q + Int(ahead) * k, count: k)
                                    Prefetch.vector(bi + Int(ahead), count: 1)
                                    let u = Int(users[index]), i = Int(items[index])
                                    if u != current {
                                        if current >= 0 { (p + current * k).update(from: pu, count: k) }
                                        pu.update(from: p + u * k, count: k)
                                        current = u
                                    }
                                    let qi = q + i * k
                                    let dot = nextDot ?? Kernels.dot(pu, qi, count: k)
                                    let error = values[index] - (mu + bu[u] + bi[i] + dot)
                                    sum += Double(error * error)
                                    bu[u] += eta * (error - lambda * bu[u])
                                    bi[i] += eta * (error - lambda * bi[i])
                                    if index + 1 < range.upperBound, Int(users[index + 1]) == u {
                                        nextDot = Kernels.sgdStepThenDot(
                                            pu, qi, count: k, error: error, learningRate: eta,
                                            regularization: lambda, next: q + Int(items[index + 1]) * k)
                                    } else {
                                        Kernels.sgdStep(
                                            pu, qi, count: k, error: error, learningRate: eta, regularization: lambda)
                                        nextDot = nil
                                    }
                                }
                                return sum
                            }
                        }
                    }
                }
            }
            observer?(
                TrainingProgress(
                    step: epoch, totalSteps: configuration.epochs, loss: squaredError / Double(max(ratings.count, 1)),
                    model: model))
        }
        model.interestRanker = try InterestRanker.train(
            ratings, configuration: configuration.interest, seed: configuration.seed, threads: configuration.threads)
        return model
    }
}

extension BiasedMatrixFactorization: TrainableModel {
    public static let descriptor = ModelDescriptor(
        name: "biased-mf", aliases: ["svd", "funk-svd"],
        summary: "μ + b_u + b_i + p_u·q_i by SGD (Funk; Surprise's SVD), threads on disjoint blocks")
    public static let hyperparameters = Hyperparameters(
        defaults: Configuration(),
        [
            .integer("factors", \.factors, minimum: 1, help: "k, the length of p_u and q_i"),
            .integer("epochs", \.epochs, help: "passes over the ratings"),
            .real("learning-rate", \.learningRate, .positive, help: "η, the SGD step size"),
            .real("regularization", \.regularization, .nonNegative, help: "λ, the L2 penalty on biases and factors"),
            .real(
                "init-std", \.initialStandardDeviation, .closed(0, 100),
                help: "standard deviation of the N(0, σ²) start"),
            .seed(\.seed, help: "seed of the start and of each user's rating order"),
            .threads(\.threads),
        ] + InterestRanker.hyperparameters())

    public static func train(
        _ data: TrainingData, configuration: Configuration, observer: TrainingObserver?
    ) throws(ModelError) -> Self {
        try fit(data.ratings, configuration: configuration, observer: observer)
    }

    /// Before rankers: lists by the predicted rating.
    public static var legacyDefaults: ModelParameters { InterestRanker.legacyParameters }

    public func archive(into archive: inout ModelArchive) {
        archive.floats["mean"] = [mean]
        archive.floats["user-biases"] = userBiases
        archive.floats["item-biases"] = itemBiases
        archive.set(userFactors, as: "user-factors")
        archive.set(itemFactors, as: "item-factors")
        interestRanker?.archive(into: &archive)
    }

    public init(from reader: ArchiveReader, configuration: Configuration) throws(ModelFileError) {
        let (p, q) = try reader.factors()
        let ranker = try InterestRanker.unarchive(reader)
        var configuration = configuration
        configuration.interest = configuration.interest.matching(ranker)
        self.init(
            mean: try reader.scalar("mean"), userBiases: try reader.perUser("user-biases"),
            itemBiases: try reader.perItem("item-biases"),
            userFactors: p, itemFactors: q, interestRanker: ranker, configuration: configuration)
    }

    public var ridgeItemSide: RidgeItemSide? { foldInSide }

    public func foldIn(items: [Int], ratings: [Float]) -> [Float] { foldInSide.foldIn(items: items, ratings: ratings) }

    /// μ, b_u, b_i and p_u·q_i over the user's rated items (ridge view, residual for trained users).
    public func explain(items: [Int], for user: ExplainedUser) -> [Explanation]? {
        guard
            let explainer = FactorExplainer(
                side: foldInSide, user: user, trainedVector: userFactors.row, userBias: { userBiases[$0] })
        else { return nil }
        return explanations(of: items, score: explainer.score, terms: explainer.terms)
    }

    /// A new user's p_u: ridge regression of r − μ − b_i on the fixed q_i (λ = 0.1 per rating).
    private var foldInSide: RidgeItemSide {
        RidgeItemSide(factors: itemFactors, base: mean, biases: itemBiases, regularization: 0.1)
    }
}

extension BiasedMatrixFactorization.Configuration: RankedConfiguration {}
