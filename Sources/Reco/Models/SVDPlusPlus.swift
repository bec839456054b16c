/// Koren's SVD++: biased matrix factorization plus the implicit feedback of which items each user
/// rated (Koren 2008, "Factorization meets the neighborhood"; Surprise's `SVDpp`).
///
/// Predicts
/// ```
/// r̂(u, i) = μ + b_u + b_i + q_i · (p_u + |N(u)|^-½ Σ_{j ∈ N(u)} y_j)
/// ```
/// with N(u) the items u rated in training. Training visits users in a seeded shuffled order and,
/// per user, each rating with SGD as in `BiasedMatrixFactorization` using p_u + z_u,
/// z_u = |N(u)|^-½ Σ y_j, and after every rating moves every y_j of the user as Surprise's `SVDpp`
/// does:
/// ```
/// y_j ← (1 − ηλ) y_j + η |N(u)|^-½ e_ui q_i   for j ∈ N(u)
/// ```
/// Done literally that costs O(|N(u)|·k) per rating. The step is the same affine map for every
/// j ∈ N(u), and while the user's ratings are visited the y_j are read only through z_u, so Reco
/// keeps z_u up to date (z_u ← (1 − ηλ) z_u + η e_ui q_i), composes the maps into one
/// y_j ← a y_j + d, and applies it to each y_j once, after the user's last rating: the same model
/// as Surprise's schedule, in O(k) per rating plus O(|N(u)|·k) per user.
///
/// - Complexity: O(epochs · ratings · factors) to fit; O(factors) per prediction.
public struct SVDPlusPlus: RatingModel {
    /// Hyperparameters; the defaults are Surprise's `SVDpp`.
    public struct Configuration: Sendable, Equatable {
        /// k, the length of p_u, q_i and y_j.
        public var factors: Int
        /// Passes over the ratings.
        public var epochs: Int
        /// η, the SGD step size.
        public var learningRate: Float
        /// λ, the L2 penalty on biases and factors.
        public var regularization: Float
        /// Standard deviation of the N(0, σ²) start.
        public var initialStandardDeviation: Float
        /// Seed of the start and of the order users are visited in.
        public var seed: UInt64
        /// What lists rank by besides the predicted stars.
        public var interest: InterestRanker.Configuration

        /// Creates a configuration.
        public init(
            factors: Int = 20, epochs: Int = 20, learningRate: Float = 0.007, regularization: Float = 0.02,
            initialStandardDeviation: Float = 0.1, seed: UInt64 = 42,
            interest: InterestRanker.Configuration = InterestRanker.Configuration()
        ) {
            self.factors = factors
            self.epochs = epochs
            self.learningRate = learningRate
            self.regularization = regularization
            self.initialStandardDeviation = initialStandardDeviation
            self.seed = seed
            self.interest = interest
        }
    }

    /// The hyperparameters it was trained with.
    public let configuration: Configuration
    /// μ.
    public let mean: Float
    /// b_u.
    public let userBiases: [Float]
    /// b_i.
    public let itemBiases: [Float]
    /// p_u (users × k).
    public let userFactors: DenseMatrix
    /// q_i (items × k).
    public let itemFactors: DenseMatrix
    /// y_j (items × k), the implicit item factors.
    public let implicitFactors: DenseMatrix
    /// p_u + z_u for every user, computed once after training (what predictions use).
    public let effectiveUserFactors: DenseMatrix
    /// What its lists rank by besides the predicted stars (`nil`: the stars alone).
    public let interestRanker: InterestRanker?

    /// A model from known parameters.
    ///
    /// - Precondition: one bias per user and item, and factor matrices of one width.
    public init(
        mean: Float, userBiases: [Float], itemBiases: [Float], userFactors: DenseMatrix, itemFactors: DenseMatrix,
        implicitFactors: DenseMatrix, effectiveUserFactors: DenseMatrix, interestRanker: InterestRanker? = nil,
        configuration: Configuration = Configuration()
    ) {
        precondition(
            userBiases.count == userFactors.rows && itemBiases.count == itemFactors.rows, "one bias per user and item")
        precondition(
            Set([userFactors.columns, itemFactors.columns, implicitFactors.columns, effectiveUserFactors.columns]).count
                == 1,
            "SVD++ factor matrices differ in width")
        self.configuration = configuration
        self.mean = mean
        self.userBiases = userBiases
        self.itemBiases = itemBiases
        self.userFactors = userFactors
        self.itemFactors = itemFactors
        self.implicitFactors = implicitFactors
        self.effectiveUserFactors = effectiveUserFactors
        self.interestRanker = interestRanker
    }

    public var userCount: Int { userFactors.rows }
    public var itemCount: Int { itemFactors.rows }
    public var itemVectors: DenseMatrix? { itemFactors }
    public var userVectors: DenseMatrix? { effectiveUserFactors }

    public func baselinePrediction(user: Int?, item: Int?) -> Float? {
        biasedBaseline(mean: mean, userBiases: userBiases, itemBiases: itemBiases, user: user, item: item)
    }

    public func predict(user: Int, item: Int) -> Float {
        mean + userBiases[user] + itemBiases[item] + effectiveUserFactors.dot(row: user, itemFactors, row: item)
    }

    public func scoreItems(forUser user: Int, into scores: inout MutableSpan<Float>) {
        effectiveUserFactors.scoreRows(
            of: itemFactors, against: user, base: mean + userBiases[user], biases: itemBiases, into: &scores)
    }

    /// z = |N|^-½ Σ_{j ∈ N} y_j for the items `rated`, into `z`.
    static func implicitSum(
        _ rated: some Collection<Int32>, implicit: UnsafePointer<Float>, k: Int, into z: UnsafeMutablePointer<Float>
    ) {
        for c in 0..<k { z[c] = 0 }
        guard !rated.isEmpty else { return }
        let scale = 1 / Float(rated.count).squareRoot()
        for j in rated { Kernels.addScaled(scale, implicit + Int(j) * k, to: z, count: k) }
    }

    /// p_u + |N(u)|^-½ Σ_{j ∈ N(u)} y_j for every user of `ratings`.
    static func effectiveFactors(_ p: DenseMatrix, implicit y: DenseMatrix, ratings: RatingMatrix) -> DenseMatrix {
        var vectors = p
        let k = vectors.columns
        var z = [Float](repeating: 0, count: k)
        vectors.storage.withUnsafeMutableBufferPointer { v in
            y.storage.withUnsafeBufferPointer { y in
                z.withUnsafeMutableBufferPointer { z in
                    for user in 0..<ratings.userCount {
                        implicitSum(
                            ratings.userItems[ratings.userRange(user)], implicit: y.baseAddress!, k: k,
                            into: z.baseAddress!)
                        Kernels.addScaled(1, z.baseAddress!, to: v.baseAddress! + user * k, count: k)
                    }
                }
            }
        }
        return vectors
    }

    /// Trains on `ratings`; the observer gets each epoch's mean squared training error.
    ///
    /// - Throws: `ModelError.invalidParameter` for a value out of its domain.
    public static func fit(
        _ ratings: RatingMatrix, configuration: Configuration = Configuration(), observer: TrainingObserver? = nil
    ) throws(ModelError) -> SVDPlusPlus {
        try hyperparameters.validate(configuration)
        let k = configuration.factors
        var generator = SeededGenerator(seed: configuration.seed)
        let sigma = configuration.initialStandardDeviation
        var p = DenseMatrix.randomNormal(
            rows: ratings.userCount, columns: k, standardDeviation: sigma, using: &generator)
        var q = DenseMatrix.randomNormal(
            rows: ratings.itemCount, columns: k, standardDeviation: sigma, using: &generator)
        var y = DenseMatrix.randomNormal(
            rows: ratings.itemCount, columns: k, standardDeviation: sigma, using: &generator)
        var bu = [Float](repeating: 0, count: ratings.userCount)
        var bi = [Float](repeating: 0, count: ratings.itemCount)
        let mu = Float(ratings.globalMean)
        let eta = configuration.learningRate
        let lambda = configuration.regularization
        let userOrder = Splitter.shuffledPositions(ratings.userCount, seed: configuration.seed &+ 3)
        var z = [Float](repeating: 0, count: k)
        var pz = [Float](repeating: 0, count: k)
        var shift = [Float](repeating: 0, count: k)
        for epoch in 0..<configuration.epochs {
            var squaredError = 0.0
            p.storage.withUnsafeMutableBufferPointer { pBuffer in
                q.storage.withUnsafeMutableBufferPointer { qBuffer in
                    y.storage.withUnsafeMutableBufferPointer { yBuffer in
                        z.withUnsafeMutableBufferPointer { zBuffer in
                            pz.withUnsafeMutableBufferPointer { pzBuffer in
                                shift.withUnsafeMutableBufferPointer { shiftBuffer in
                                    let pBase = pBuffer.baseAddress!, qBase = qBuffer.baseAddress!,
                                        yBase = yBuffer.baseAddress!
                                    let z = zBuffer.baseAddress!, pz = pzBuffer.baseAddress!,
                                        d = shiftBuffer.baseAddress!
                                    let decay = 1 - eta * lambda
                                    for user in userOrder {
                                        let range = ratings.userRange(user)
                                        guard !range.isEmpty else { continue }
                                        let rated = ratings.userItems[range]
                                        implicitSum(rated, implicit: yBase, k: k, into: z)
                                        let step = eta / Float(range.count).squareRoot()
                                        // Every y_j of the user is a y_j + d after the ratings so far.
                                        var a: Float = 1
                                        for c in 0..<k { d[c] = 0 }
                                        let pu = pBase + user * k
                                        for position in range {
                                            let item = Int(ratings.userItems[position])
                                            let qi = qBase + item * k
                                            for c in 0..<k { pz[c] = pu[c] + z[c] }
                                            let error =
                                                ratings.userRatings[position]
                                                - (mu + bu[user] + bi[item] + Kernels.dot(pz, qi, count: k))
                                            squaredError += Double(error * error)
                                            bu[user] += eta * (error - lambda * bu[user])
                                            bi[item] += eta * (error - lambda * bi[item])
                                            // y_j and z_u move along the old q_i, as p_u does; q_i along p_u + z_u.
                                            Kernels.scaleAndAdd(decay, d, step * error, qi, count: k)
                                            Kernels.scaleAndAdd(decay, z, eta * error, qi, count: k)
                                            a *= decay
                                            for c in 0..<k {
                                                let qOld = qi[c]
                                                qi[c] += eta * (error * pz[c] - lambda * qOld)
                                                pu[c] += eta * (error * qOld - lambda * pu[c])
                                            }
                                        }
                                        for j in rated {
                                            Kernels.scaleAndAdd(a, yBase + Int(j) * k, 1, d, count: k)
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            observer?(
                TrainingProgress(
                    step: epoch, totalSteps: configuration.epochs, loss: squaredError / Double(max(ratings.count, 1))))
        }
        return SVDPlusPlus(
            mean: mu, userBiases: bu, itemBiases: bi, userFactors: p, itemFactors: q, implicitFactors: y,
            effectiveUserFactors: effectiveFactors(p, implicit: y, ratings: ratings),
            interestRanker: try InterestRanker.train(
                ratings, configuration: configuration.interest, seed: configuration.seed, threads: nil),
            configuration: configuration)
    }
}

extension SVDPlusPlus: TrainableModel {
    public static let descriptor = ModelDescriptor(
        name: "svd++", aliases: ["svdpp", "svd-plus-plus"],
        summary: "Koren's SVD++: biased MF plus the implicit feedback of the items each user rated")
    public static let hyperparameters = Hyperparameters(
        defaults: Configuration(),
        [
            .integer("factors", \.factors, minimum: 1, help: "k, the length of p_u, q_i and y_j"),
            .integer("epochs", \.epochs, help: "passes over the ratings"),
            .real("learning-rate", \.learningRate, .positive, help: "η, the SGD step size"),
            .real("regularization", \.regularization, .nonNegative, help: "λ, the L2 penalty on biases and factors"),
            .real(
                "init-std", \.initialStandardDeviation, .closed(0, 100),
                help: "standard deviation of the N(0, σ²) start"),
            .seed(\.seed, help: "seed of the start and of the user order"),
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
        archive.set(implicitFactors, as: "implicit-factors")
        archive.set(effectiveUserFactors, as: "user-vectors")
        interestRanker?.archive(into: &archive)
    }

    public init(from reader: ArchiveReader, configuration: Configuration) throws(ModelFileError) {
        let (p, q) = try reader.factors()
        let y = try reader.itemMatrix("implicit-factors")
        let vectors = try reader.userMatrix("user-vectors")
        guard y.columns == q.columns, vectors.columns == q.columns else {
            throw reader.malformed("SVD++ factor matrices differ in width")
        }
        let ranker = try InterestRanker.unarchive(reader)
        var configuration = configuration
        configuration.interest = configuration.interest.matching(ranker)
        self.init(
            mean: try reader.scalar("mean"), userBiases: try reader.perUser("user-biases"),
            itemBiases: try reader.perItem("item-biases"),
            userFactors: p, itemFactors: q, implicitFactors: y, effectiveUserFactors: vectors,
            interestRanker: ranker, configuration: configuration)
    }

    /// The new user's implicit part z = n^-½ Σ y_j over the given items, then p_u by ridge
    /// regression of r − μ − b_i − z·q_i on the fixed q_i (λ = 0.1 per rating); scores use p_u + z.
    public func foldIn(items: [Int], ratings: [Float]) -> [Float] {
        let k = itemFactors.columns
        var z = [Float](repeating: 0, count: k)
        implicitFactors.storage.withUnsafeBufferPointer { y in
            z.withUnsafeMutableBufferPointer { z in
                Self.implicitSum(items.lazy.map { Int32($0) }, implicit: y.baseAddress!, k: k, into: z.baseAddress!)
            }
        }
        let side = foldInSide
        let implicitPart = DenseMatrix(rows: 1, columns: k, storage: z)
        let explained = zip(items, ratings).map { item, rating in
            rating - implicitPart.dot(row: 0, itemFactors, row: item)
        }
        let p = side.vector(items: items, ratings: explained)
        return side.scores(vector: zip(p, z).map { $0 + $1 })
    }

    private var foldInSide: RidgeItemSide {
        RidgeItemSide(factors: itemFactors, base: mean, biases: itemBiases, regularization: 0.1)
    }

    /// μ, b_u, b_i, and for each rated item j its implicit part |N|^-½ q_i·y_j plus its share of
    /// q_i·p_u in the ridge view of the ratings left after the implicit part; a trained user's
    /// residual is what that view leaves of the trained q_i·(p_u + z_u).
    public func explain(items: [Int], for user: ExplainedUser) -> [Explanation]? {
        guard user.user != nil || !user.items.isEmpty else { return nil }
        let k = itemFactors.columns
        let scale = user.items.isEmpty ? 0 : 1 / Float(user.items.count).squareRoot()
        var z = [Float](repeating: 0, count: k)
        implicitFactors.storage.withUnsafeBufferPointer { y in
            z.withUnsafeMutableBufferPointer { z in
                Self.implicitSum(
                    user.items.lazy.map { Int32($0) }, implicit: y.baseAddress!, k: k, into: z.baseAddress!)
            }
        }
        let side = foldInSide
        let userBias = user.user.map { userBiases[$0] } ?? 0
        let targets = zip(user.items, user.ratings).map { item, rating in
            side.target(item: item, rating: rating) - userBias - itemFactors.dot(row: item, z)
        }
        let attribution = RatedItemAttribution(
            factors: itemFactors, items: user.items, targets: targets,
            diagonal: side.regularization * Float(max(user.items.count, 1)))
        return explanations(of: items, for: user) { item in
            let q = itemFactors.row(item)
            let shares = attribution.contributions(toward: q)
            var terms = [ExplanationTerm(.mean, mean), ExplanationTerm(.itemBias, itemBiases[item])]
            var explained = 0.0
            for (position, j) in user.items.enumerated() {
                let part = scale * implicitFactors.dot(row: j, q) + shares[position]
                explained += Double(part)
                terms.append(ExplanationTerm(.ratedItem, part, item: j, rating: user.ratings[position]))
            }
            if let index = user.user {
                terms.append(ExplanationTerm(.userBias, userBias))
                let actual = effectiveUserFactors.dot(row: index, itemFactors, row: item)
                terms.append(ExplanationTerm(.residual, Float(Double(actual) - explained)))
            }
            return terms
        }
    }
}

extension SVDPlusPlus.Configuration: RankedConfiguration {}
