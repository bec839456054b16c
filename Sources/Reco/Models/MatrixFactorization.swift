import Dispatch

/// The notebook's collaborative filtering: user vectors θ (users × k) and item vectors x
/// (items × k) are both learned, by full-batch gradient descent on
///
/// ```
/// J(θ, x) = ½ Σ_{(u,i) ∈ R} (θ_u · x_i − y_ui)² + λ/2 (‖θ‖² + ‖x‖²)
/// ```
///
/// Each step updates every θ_u with ∂J/∂θ_u = Σ_i e_ui x_i + λθ_u, then every x_i (with the new θ)
/// with ∂J/∂x_i = Σ_u e_ui θ_u + λx_i, as the notebook's `train` does. With `centering` the model
/// factorises y − μ and predicts μ + θ_u · x_i, which real ratings need (the notebook leaves it out).
///
/// - Complexity: O(steps · ratings · k) to fit; O(k) per prediction.
public struct MatrixFactorization: RatingModel {
    /// Hyperparameters.
    public struct Configuration: Sendable, Equatable {
        /// k, the number of latent factors.
        public var factors: Int
        /// λ, the L2 penalty.
        public var regularization: Double
        /// The gradient-descent step size.
        public var learningRate: Double
        /// Number of full-batch steps.
        public var steps: Int
        /// Standard deviation of the random start (the notebook's `randn`: 1).
        public var initialStandardDeviation: Double
        /// Whether to subtract the training mean μ before factorising.
        public var centering: Bool
        /// Seed of the random start.
        public var seed: UInt64
        /// Report the loss every this many steps.
        public var reportEvery: Int

        /// Creates a configuration; the defaults suit MovieLens-sized data.
        public init(
            factors: Int = 10, regularization: Double = 10, learningRate: Double = 0.0015, steps: Int = 300,
            initialStandardDeviation: Double = 0.1, centering: Bool = true, seed: UInt64 = 42, reportEvery: Int = 10
        ) {
            self.factors = factors
            self.regularization = regularization
            self.learningRate = learningRate
            self.steps = steps
            self.initialStandardDeviation = initialStandardDeviation
            self.centering = centering
            self.seed = seed
            self.reportEvery = reportEvery
        }

        /// Exactly the notebook: k = 3, λ = 0.1, learning rate 0.01, 100 steps, N(0, 1) start, no centering.
        public static let notebook = Configuration(
            factors: 3, regularization: 0.1, learningRate: 0.01, steps: 100, initialStandardDeviation: 1,
            centering: false)
    }

    /// The hyperparameters the model was trained with.
    public let configuration: Configuration
    /// θ, users × k.
    public internal(set) var userFactors: DenseMatrix
    /// x, items × k.
    public internal(set) var itemFactors: DenseMatrix
    /// μ added to every prediction (0 without centering).
    public let offset: Float

    public var userCount: Int { userFactors.rows }
    public var itemCount: Int { itemFactors.rows }
    public var userVectors: DenseMatrix? { userFactors }
    public var itemVectors: DenseMatrix? { itemFactors }

    /// A model from given factors.
    public init(
        userFactors: DenseMatrix, itemFactors: DenseMatrix, offset: Float = 0, configuration: Configuration = .notebook
    ) {
        precondition(userFactors.columns == itemFactors.columns, "θ and x must have the same number of factors")
        self.userFactors = userFactors
        self.itemFactors = itemFactors
        self.offset = offset
        self.configuration = configuration
    }

    /// A model with the seeded random start (θ first, then x, each N(0, σ²)) the training begins from.
    public static func initial(
        users: Int, items: Int, configuration: Configuration, offset: Float = 0
    ) -> MatrixFactorization {
        var generator = SeededGenerator(seed: configuration.seed)
        let sigma = Float(configuration.initialStandardDeviation)
        let theta = DenseMatrix.randomNormal(
            rows: users, columns: configuration.factors, standardDeviation: sigma, using: &generator)
        let x = DenseMatrix.randomNormal(
            rows: items, columns: configuration.factors, standardDeviation: sigma, using: &generator)
        return MatrixFactorization(userFactors: theta, itemFactors: x, offset: offset, configuration: configuration)
    }

    public func predict(user: Int, item: Int) -> Float {
        offset + userFactors.dot(row: user, itemFactors, row: item)
    }

    public func scoreItems(forUser user: Int, into scores: inout MutableSpan<Float>) {
        userFactors.scoreRows(of: itemFactors, against: user, base: offset, into: &scores)
    }

    /// Trains θ and x on `ratings` from the seeded random start.
    ///
    /// - Throws: `ModelError.invalidParameter` for a value out of its domain.
    public static func fit(
        _ ratings: RatingMatrix, configuration: Configuration = Configuration(), observer: TrainingObserver? = nil
    ) throws(ModelError) -> MatrixFactorization {
        try hyperparameters.validate(configuration)
        let offset = configuration.centering ? Float(ratings.globalMean) : 0
        var model = initial(
            users: ratings.userCount, items: ratings.itemCount, configuration: configuration, offset: offset)
        let rate = Float(configuration.learningRate)
        for step in 0..<configuration.steps {
            model.userFactors = model.updatedRows(
                of: model.userFactors, against: model.itemFactors, offsets: ratings.userOffsets,
                indices: ratings.userItems, values: ratings.userRatings, rate: rate)
            model.itemFactors = model.updatedRows(
                of: model.itemFactors, against: model.userFactors, offsets: ratings.itemOffsets,
                indices: ratings.itemUsers, values: ratings.itemRatings, rate: rate)
            if let observer, configuration.reportEvery > 0,
                step % configuration.reportEvery == 0 || step == configuration.steps - 1
            {
                observer(
                    TrainingProgress(
                        step: step, totalSteps: configuration.steps, loss: model.loss(on: ratings), model: model))
            }
        }
        return model
    }

    /// The loss J(θ, x) on `ratings` (with μ subtracted when centering).
    ///
    /// - Complexity: O(ratings · k).
    public func loss(on ratings: RatingMatrix) -> Double {
        var squaredError = 0.0
        let k = userFactors.columns
        userFactors.storage.withUnsafeBufferPointer { p in
            itemFactors.storage.withUnsafeBufferPointer { q in
                for user in 0..<ratings.userCount {
                    for position in ratings.userRange(user) {
                        let item = Int(ratings.userItems[position])
                        let prediction = Kernels.dot(p.baseAddress! + user * k, q.baseAddress! + item * k, count: k)
                        let error = Double(prediction + offset - ratings.userRatings[position])
                        squaredError += error * error
                    }
                }
            }
        }
        return 0.5 * squaredError + configuration.regularization / 2
            * (userFactors.squaredNorm + itemFactors.squaredNorm)
    }

    /// ∂J/∂θ and ∂J/∂x at the current factors.
    public func gradients(on ratings: RatingMatrix) -> (users: DenseMatrix, items: DenseMatrix) {
        let lambda = Float(configuration.regularization)
        var userGradient = DenseMatrix(rows: userCount, columns: userFactors.columns)
        var itemGradient = DenseMatrix(rows: itemCount, columns: itemFactors.columns)
        let k = userFactors.columns
        for index in userGradient.storage.indices { userGradient.storage[index] = lambda * userFactors.storage[index] }
        for index in itemGradient.storage.indices { itemGradient.storage[index] = lambda * itemFactors.storage[index] }
        for user in 0..<ratings.userCount {
            for position in ratings.userRange(user) {
                let item = Int(ratings.userItems[position])
                let error = predict(user: user, item: item) - ratings.userRatings[position]
                for c in 0..<k {
                    userGradient[user, c] += error * itemFactors[item, c]
                    itemGradient[item, c] += error * userFactors[user, c]
                }
            }
        }
        return (userGradient, itemGradient)
    }

    /// One half-step: every row r of `rows` moves by −rate · (Σ e · other + λ · row_r), where the
    /// sum runs over the row's ratings (CSR for users, CSC for items). Rows are independent, so
    /// large problems split them over the cores.
    private func updatedRows(
        of rows: DenseMatrix, against other: DenseMatrix, offsets: [Int], indices: [Int32], values: [Float], rate: Float
    ) -> DenseMatrix {
        var result = rows
        let k = rows.columns
        let lambda = Float(configuration.regularization)
        let rowCount = rows.rows
        let offset = offset
        result.storage.withUnsafeMutableBufferPointer { output in
            rows.storage.withUnsafeBufferPointer { input in
                other.storage.withUnsafeBufferPointer { otherBuffer in
                    offsets.withUnsafeBufferPointer { offsetBuffer in
                        indices.withUnsafeBufferPointer { indexBuffer in
                            values.withUnsafeBufferPointer { valueBuffer in
                                let outputBase = output.baseAddress!
                                let inputBase = input.baseAddress!
                                let otherBase = otherBuffer.baseAddress!
                                let work = { (range: Range<Int>) in
                                    var gradient = [Float](repeating: 0, count: k)
                                    gradient.withUnsafeMutableBufferPointer { g in
                                        for r in range {
                                            let row = inputBase + r * k
                                            for c in 0..<k { g[c] = lambda * row[c] }
                                            for p in offsetBuffer[r]..<offsetBuffer[r + 1] {
                                                let partner = otherBase + Int(indexBuffer[p]) * k
                                                let error =
                                                    Kernels.dot(row, partner, count: k) + offset - valueBuffer[p]
                                                Kernels.addScaled(error, partner, to: g.baseAddress!, count: k)
                                            }
                                            Kernels.addScaled(-rate, g.baseAddress!, to: outputBase + r * k, count: k)
                                        }
                                    }
                                }
                                Parallel.forEachChunk(of: rowCount, work: indices.count * k, body: work)
                            }
                        }
                    }
                }
            }
        }
        return result
    }
}

extension MatrixFactorization: TrainableModel {
    public static let descriptor = ModelDescriptor(
        name: "matrix-factorization", aliases: ["cf", "mf", "collaborative-filtering"],
        summary: "the notebook's collaborative filtering: θ and x learned together by full-batch gradient descent on "
            + "½Σ(θ·x − y)² + λ/2(‖θ‖² + ‖x‖²), on ratings centred by μ")
    public static let hyperparameters = Hyperparameters(
        defaults: Configuration(),
        [
            .integer("factors", \.factors, minimum: 1, help: "k, the length of θ and x"),
            .real("regularization", \.regularization, .nonNegative, help: "λ, the L2 penalty on θ and x"),
            .real("learning-rate", \.learningRate, .positive, help: "the gradient-descent step size"),
            .integer("epochs", \.steps, help: "full-batch gradient steps"),
            .real(
                "init-std", \.initialStandardDeviation, .closed(0, 100), help: "standard deviation of the random start"),
            .flag("centering", \.centering, help: "factorise y − μ and add μ back"),
            .seed(\.seed),
        ])

    public static func train(
        _ data: TrainingData, configuration: Configuration, observer: TrainingObserver?
    ) throws(ModelError) -> Self {
        try fit(data.ratings, configuration: configuration, observer: observer)
    }

    public func archive(into archive: inout ModelArchive) {
        archive.set(userFactors, as: "user-factors")
        archive.set(itemFactors, as: "item-factors")
        archive.floats["offset"] = [offset]
    }

    public init(from reader: ArchiveReader, configuration: Configuration) throws(ModelFileError) {
        let (p, q) = try reader.factors()
        self.init(userFactors: p, itemFactors: q, offset: try reader.scalar("offset"), configuration: configuration)
    }

    public var ridgeItemSide: RidgeItemSide? { foldInSide }

    public func foldIn(items: [Int], ratings: [Float]) -> [Float] { foldInSide.foldIn(items: items, ratings: ratings) }

    /// A new user's θ: ridge regression on the fixed x (λ = 0.1 per rating, as ALS-WR).
    private var foldInSide: RidgeItemSide {
        RidgeItemSide(factors: itemFactors, base: offset, biases: nil, regularization: 0.1)
    }
}
