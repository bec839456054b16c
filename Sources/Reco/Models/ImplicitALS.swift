/// Weighted matrix factorization for implicit feedback (Hu, Koren & Volinsky 2008, "Collaborative
/// Filtering for Implicit Feedback Datasets"), solved by alternating least squares with the
/// conjugate-gradient method (Takács, Pilászy & Tikk 2011).
///
/// Every (user, item) pair counts: preference p_ui = 1 where the user interacted, 0 elsewhere, with
/// confidence c_ui = 1 + α·r_ui (r = 1 per interaction by default). It minimises
/// ```
/// Σ_{u,i} c_ui (p_ui − x_u · y_i)² + λ (Σ_u ‖x_u‖² + Σ_i ‖y_i‖²)
/// ```
/// Each user's normal equations (YᵀY + Yᵀ(C_u − I)Y + λI) x_u = YᵀC_u p_u need only YᵀY (once per
/// half-step) and the user's own items, so a few warm-started CG steps cost O(k² + n_u·k) per user:
/// a half-step is O(nnz·k + (users + items)·k²), rows split over the cores.
///
/// - Complexity: O(iterations · cgSteps · (nnz·k + (users + items)·k²)) to fit; O(k) per score.
public struct ImplicitALS: RatingModel {
    /// Hyperparameters; the defaults are those of the `implicit` peer run.
    public struct Configuration: Sendable, Equatable {
        /// k, the length of x_u and y_i.
        public var factors: Int
        /// Alternations (users, then items).
        public var iterations: Int
        /// λ, the L2 penalty on every vector.
        public var regularization: Float
        /// α in c = 1 + α·r.
        public var alpha: Float
        /// Conjugate-gradient steps per row and half-step.
        public var conjugateGradientSteps: Int
        /// Use the rating values as r (otherwise every interaction counts 1).
        public var useRatingValues: Bool
        /// Scale λ by each row's interaction count, λ·n_u and λ·n_i, as Spark's implicit ALS does
        /// (otherwise λ is the same for every row, as in Hu, Koren & Volinsky and `implicit`).
        public var weightedRegularization: Bool
        /// Seed of the random start.
        public var seed: UInt64
        /// Threads; `nil` uses every core.
        public var threads: Int?

        /// Creates a configuration.
        public init(
            factors: Int = 64, iterations: Int = 15, regularization: Float = 0.05, alpha: Float = 1,
            conjugateGradientSteps: Int = 3, useRatingValues: Bool = false, weightedRegularization: Bool = false,
            seed: UInt64 = 42, threads: Int? = nil
        ) {
            self.factors = factors
            self.iterations = iterations
            self.regularization = regularization
            self.alpha = alpha
            self.conjugateGradientSteps = conjugateGradientSteps
            self.useRatingValues = useRatingValues
            self.weightedRegularization = weightedRegularization
            self.seed = seed
            self.threads = threads
        }
    }

    /// The hyperparameters.
    public let configuration: Configuration
    /// x_u, users × k.
    public private(set) var userFactors: DenseMatrix
    /// y_i, items × k.
    public private(set) var itemFactors: DenseMatrix
    /// YᵀY (k × k) of `itemFactors`, for fold-ins and explanations; whatever changes the item
    /// factors (only `fit`) computes it again.
    private var itemGram: [Float]

    /// A model from known factors.
    ///
    /// - Precondition: the factor matrices have the same width.
    public init(configuration: Configuration, userFactors: DenseMatrix, itemFactors: DenseMatrix) {
        precondition(userFactors.columns == itemFactors.columns, "user and item factors differ in width")
        self.configuration = configuration
        self.userFactors = userFactors
        self.itemFactors = itemFactors
        itemGram = Self.gram(itemFactors)
    }

    public var userCount: Int { userFactors.rows }
    public var itemCount: Int { itemFactors.rows }
    public var userVectors: DenseMatrix? { userFactors }
    public var itemVectors: DenseMatrix? { itemFactors }

    public func predict(user: Int, item: Int) -> Float { userFactors.dot(row: user, itemFactors, row: item) }

    public func scoreItems(forUser user: Int, into scores: inout MutableSpan<Float>) {
        userFactors.scoreRows(of: itemFactors, against: user, base: 0, into: &scores)
    }

    /// Trains on `ratings`; the observer gets, after each iteration, the mean weighted squared error
    /// over the interactions (a cheap proxy: the full loss sums over every pair).
    ///
    /// - Throws: `ModelError.invalidParameter` for a value out of its domain.
    public static func fit(
        _ ratings: RatingMatrix, configuration: Configuration = Configuration(), observer: TrainingObserver? = nil
    ) throws(ModelError) -> ImplicitALS {
        try hyperparameters.validate(configuration)
        var generator = SeededGenerator(seed: configuration.seed)
        let k = configuration.factors
        var model = ImplicitALS(
            configuration: configuration,
            userFactors: .randomNormal(rows: ratings.userCount, columns: k, standardDeviation: 0.01, using: &generator),
            itemFactors: .randomNormal(rows: ratings.itemCount, columns: k, standardDeviation: 0.01, using: &generator))
        let userConfidence = ratings.userRatings.map { configuration.alpha * (configuration.useRatingValues ? $0 : 1) }
        let itemConfidence = ratings.itemRatings.map { configuration.alpha * (configuration.useRatingValues ? $0 : 1) }
        for iteration in 0..<configuration.iterations {
            Self.halfStep(
                &model.userFactors, fixed: model.itemFactors, gram: model.itemGram, offsets: ratings.userOffsets,
                indices: ratings.userItems, extraConfidence: userConfidence, configuration: configuration)
            Self.halfStep(
                &model.itemFactors, fixed: model.userFactors, gram: Self.gram(model.userFactors),
                offsets: ratings.itemOffsets, indices: ratings.itemUsers, extraConfidence: itemConfidence,
                configuration: configuration)
            // The next user half-step, fold-ins and explanations read it.
            model.itemGram = Self.gram(model.itemFactors)
            if let observer {
                var total = 0.0
                for user in 0..<ratings.userCount {
                    for p in ratings.userRange(user) {
                        let error = 1 - Double(model.predict(user: user, item: Int(ratings.userItems[p])))
                        total += Double(1 + userConfidence[p]) * error * error
                    }
                }
                observer(
                    TrainingProgress(
                        step: iteration, totalSteps: configuration.iterations,
                        loss: total / Double(max(ratings.count, 1)), model: model))
            }
        }
        return model
    }

    /// The user half-step alone: every x_u given the item factors (warm-started CG).
    mutating func solveUsers(_ ratings: RatingMatrix) {
        let confidence = ratings.userRatings.map { configuration.alpha * (configuration.useRatingValues ? $0 : 1) }
        Self.halfStep(
            &userFactors, fixed: itemFactors, gram: itemGram, offsets: ratings.userOffsets, indices: ratings.userItems,
            extraConfidence: confidence, configuration: configuration)
    }

    /// The Gram matrix FᵀF of `fixed` (k × k).
    static func gram(_ fixed: DenseMatrix) -> [Float] {
        let k = fixed.columns
        var result = [Float](repeating: 0, count: k * k)
        fixed.storage.withUnsafeBufferPointer { f in
            result.withUnsafeMutableBufferPointer { g in
                for row in 0..<fixed.rows {
                    let vector = f.baseAddress! + row * k
                    for a in 0..<k { Kernels.addScaled(vector[a], vector, to: g.baseAddress! + a * k, count: k) }
                }
            }
        }
        return result
    }

    /// Warm-started conjugate gradient on every row's normal equations; `gram` is `fixed`'s FᵀF.
    static func halfStep(
        _ rows: inout DenseMatrix, fixed: DenseMatrix, gram: [Float], offsets: [Int], indices: [Int32],
        extraConfidence: [Float], configuration: Configuration
    ) {
        let k = rows.columns
        let regularization = configuration.regularization
        let weighted = configuration.weightedRegularization
        let steps = configuration.conjugateGradientSteps
        let count = rows.rows
        rows.storage.withUnsafeMutableBufferPointer { output in
            fixed.storage.withUnsafeBufferPointer { fixedBuffer in
                gram.withUnsafeBufferPointer { g in
                    Parallel.forEachChunk(
                        of: count, work: indices.count * k * steps + count * k * k * steps,
                        threads: configuration.threads
                    ) { range in
                        var residual = [Float](repeating: 0, count: k)
                        var direction = [Float](repeating: 0, count: k)
                        var product = [Float](repeating: 0, count: k)
                        // The row's partner vectors gathered into one contiguous block: the random
                        // reads happen once per row instead of once per CG step.
                        var partners: [Float] = []
                        residual.withUnsafeMutableBufferPointer { r in
                            direction.withUnsafeMutableBufferPointer { p in
                                product.withUnsafeMutableBufferPointer { ap in
                                    for row in range {
                                        let x = output.baseAddress! + row * k
                                        let start = offsets[row], end = offsets[row + 1]
                                        let n = end - start
                                        let lambda = weighted ? regularization * Float(n) : regularization
                                        if partners.count < n * k { partners = [Float](repeating: 0, count: n * k) }
                                        partners.withUnsafeMutableBufferPointer { block in
                                            let f = block.baseAddress!
                                            for j in 0..<n {
                                                (f + j * k).update(
                                                    from: fixedBuffer.baseAddress! + Int(indices[start + j]) * k,
                                                    count: k)
                                            }
                                            // A·v = FᵀF v + Σ_j (c_j − 1)(f_j·v) f_j + λ v
                                            func multiply(
                                                _ v: UnsafeMutablePointer<Float>, into out: UnsafeMutablePointer<Float>
                                            ) {
                                                // FᵀF is symmetric: FᵀF v = Σ_a v_a · (row a), no horizontal sums.
                                                for a in 0..<k { out[a] = lambda * v[a] }
                                                for a in 0..<k {
                                                    Kernels.addScaled(v[a], g.baseAddress! + a * k, to: out, count: k)
                                                }
                                                for j in 0..<n {
                                                    let fj = f + j * k
                                                    Kernels.addScaled(
                                                        extraConfidence[start + j] * Kernels.dot(fj, v, count: k), fj,
                                                        to: out, count: k)
                                                }
                                            }
                                            // r = b − A x, b = Σ_j c_j f_j
                                            multiply(x, into: ap.baseAddress!)
                                            for a in 0..<k { r[a] = -ap[a] }
                                            for j in 0..<n {
                                                Kernels.addScaled(
                                                    1 + extraConfidence[start + j], f + j * k, to: r.baseAddress!,
                                                    count: k)
                                            }
                                            for a in 0..<k { p[a] = r[a] }
                                            var oldNorm = Kernels.dot(r.baseAddress!, r.baseAddress!, count: k)
                                            for _ in 0..<steps {
                                                guard oldNorm > 1e-20 else { break }
                                                multiply(p.baseAddress!, into: ap.baseAddress!)
                                                let curvature = Kernels.dot(p.baseAddress!, ap.baseAddress!, count: k)
                                                guard curvature > 0 else { break }
                                                let step = oldNorm / curvature
                                                Kernels.addScaled(step, p.baseAddress!, to: x, count: k)
                                                Kernels.addScaled(-step, ap.baseAddress!, to: r.baseAddress!, count: k)
                                                let newNorm = Kernels.dot(r.baseAddress!, r.baseAddress!, count: k)
                                                Kernels.scaleAndAdd(
                                                    newNorm / oldNorm, p.baseAddress!, 1, r.baseAddress!, count: k)
                                                oldNorm = newNorm
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// The exact weighted least-squares vector of a new user who interacted with `items` (with
    /// strengths `values`), item factors fixed: the fold-in.
    func foldInVector(items: [Int], values: [Float]) -> [Float] {
        let k = itemFactors.columns
        var a = itemGram.map(Double.init)
        var b = [Double](repeating: 0, count: k)
        for d in 0..<k { a[d * k + d] += Double(ridge(rowCount: items.count)) }
        for (item, value) in zip(items, values) {
            let extra = Double(configuration.alpha * (configuration.useRatingValues ? value : 1))
            for r in 0..<k {
                let fr = Double(itemFactors[item, r])
                b[r] += (1 + extra) * fr
                for c in 0..<k { a[r * k + c] += extra * fr * Double(itemFactors[item, c]) }
            }
        }
        return (Cholesky.solve(a, b) ?? [Double](repeating: 0, count: k)).map(Float.init)
    }

    /// The ridge term of a row with `rowCount` interactions: λ, or λ·n with weighted regularization.
    func ridge(rowCount: Int) -> Float {
        configuration.weightedRegularization
            ? configuration.regularization * Float(rowCount) : configuration.regularization
    }
}

extension ImplicitALS: TrainableModel {
    public static let descriptor = ModelDescriptor(
        name: "implicit-als",
        summary:
            "implicit feedback: weighted MF (confidence 1 + α·r, Hu, Koren & Volinsky) by ALS with conjugate gradient "
            + "(Takács et al.), every core",
        ranksOnly: true)
    public static let hyperparameters = Hyperparameters(
        defaults: Configuration(),
        [
            .integer("factors", \.factors, minimum: 1, help: "k, the length of x_u and y_i"),
            .integer("epochs", \.iterations, help: "alternations of the user and item half-steps"),
            .real("regularization", \.regularization, .nonNegative, help: "λ, the L2 penalty on every vector"),
            .real("alpha", \.alpha, .nonNegative, help: "α in the confidence c = 1 + α·r"),
            .integer(
                "cg-steps", \.conjugateGradientSteps, minimum: 1, help: "conjugate-gradient steps per row and half-step"
            ),
            .flag(
                "use-ratings", \.useRatingValues, help: "use the rating values as r (else every interaction counts 1)"),
            .flag(
                "weighted-regularization", \.weightedRegularization,
                help: "λ·n per row, n its interactions, as Spark's implicit ALS (else λ for every row)"),
            .seed(\.seed),
            .threads(\.threads),
        ])

    public static func train(
        _ data: TrainingData, configuration: Configuration, observer: TrainingObserver?
    ) throws(ModelError) -> Self {
        try fit(data.ratings, configuration: configuration, observer: observer)
    }

    public func archive(into archive: inout ModelArchive) {
        archive.set(userFactors, as: "user-factors")
        archive.set(itemFactors, as: "item-factors")
        // Kept for readers older than the `configuration` field.
        archive.floats["settings"] = [
            configuration.regularization, configuration.alpha, configuration.useRatingValues ? 1 : 0,
        ]
    }

    public init(from reader: ArchiveReader, configuration: Configuration) throws(ModelFileError) {
        let (p, q) = try reader.factors()
        self.init(configuration: configuration, userFactors: p, itemFactors: q)
    }

    /// Hu, Koren & Volinsky's explanation (§5): with A = YᵀY + λI + Σ_j (c_j − 1) y_j y_jᵀ over the
    /// user's items and w = A⁻¹ y_i, item j adds c_j (w·y_j); together they are y_i · A⁻¹ Σ c_j y_j,
    /// the exact user solve. A trained user's x_u comes from a few conjugate-gradient steps, so the
    /// gap between x_u·y_i and the exact solve's score is a residual term.
    public func explain(items: [Int], for user: ExplainedUser) -> [Explanation]? {
        guard user.user != nil || !user.items.isEmpty else { return nil }
        let extra = user.ratings.map { configuration.alpha * (configuration.useRatingValues ? $0 : 1) }
        let attribution = RatedItemAttribution(
            factors: itemFactors, items: user.items, targets: extra.map { 1 + $0 }, gramWeights: extra,
            base: itemGram, diagonal: ridge(rowCount: user.items.count))
        return explanations(of: items, for: user) { item in
            let actual = user.user.map { userFactors.dot(row: $0, itemFactors, row: item) }
            return attribution.terms(toward: itemFactors.row(item), ratings: user.ratings, actual: actual)
        }
    }

    /// The new user's exact weighted least-squares vector, item factors fixed.
    public func foldIn(items: [Int], ratings: [Float]) -> [Float] {
        itemFactors.scores(against: foldInVector(items: items, values: ratings), base: 0)
    }
}
