/// EASE^R, the closed-form item–item model for implicit feedback (Steck 2019, "Embarrassingly
/// Shallow Autoencoders for Sparse Data").
///
/// With X the users × items interaction matrix (1 where a user interacted with an item):
/// ```
/// P = (XᵀX + λI)⁻¹,   B_ij = −P_ij / P_jj (i ≠ j),   B_jj = 0
/// score(u, j) = Σ_{i ∈ I(u)} B_ij
/// ```
/// One inversion of the items × items Gram matrix; strong on catalogues of a few thousand items.
///
/// - Complexity: O(Σ_u n_u² + items³) to fit, items² floats of memory; O(n_u · items) to score a user.
public struct EASE: RatingModel {
    /// Hyperparameters.
    public struct Configuration: Sendable, Equatable {
        /// λ, the L2 penalty on B (hundreds for MovieLens-sized data).
        public var regularization: Double
        /// Threads; `nil` uses every core.
        public var threads: Int?

        /// Creates a configuration.
        public init(regularization: Double = 250, threads: Int? = nil) {
            self.regularization = regularization
            self.threads = threads
        }
    }

    /// The hyperparameters it was trained with.
    public let configuration: Configuration
    /// B, items × items, zero diagonal.
    public let weights: DenseMatrix
    /// Each user's interacted items: CSR offsets into `userItems`.
    public let userOffsets: [Int]
    /// Each user's interacted items (the x_u the scores sum over).
    public let userItems: [Int32]

    public var userCount: Int { userOffsets.count - 1 }
    public var itemCount: Int { weights.rows }

    /// A model from known weights and histories.
    ///
    /// - Precondition: `weights` is square and `userOffsets` is a CSR over `userItems`.
    public init(
        weights: DenseMatrix, userOffsets: [Int], userItems: [Int32], configuration: Configuration = Configuration()
    ) {
        precondition(
            weights.rows == weights.columns && userOffsets.last == userItems.count,
            "B is items × items over a CSR history")
        self.configuration = configuration
        self.weights = weights
        self.userOffsets = userOffsets
        self.userItems = userItems
    }

    /// Fits B on `ratings`, every rating counting as one interaction.
    ///
    /// - Throws: `ModelError.invalidParameter` for a value out of its domain.
    public static func fit(
        _ ratings: RatingMatrix, configuration: Configuration = Configuration()
    ) throws(ModelError) -> EASE {
        try hyperparameters.validate(configuration)
        let n = ratings.itemCount
        // G = XᵀX + λI in Double, row by row from each item's users (rows in parallel).
        var gram = [Double](repeating: 0, count: n * n)
        var work = 0
        for user in 0..<ratings.userCount {
            work += ratings.ratingCount(ofUser: user) * ratings.ratingCount(ofUser: user)
        }
        gram.withUnsafeMutableBufferPointer { g in
            Parallel.forEachChunk(of: n, work: work, threads: configuration.threads) { range in
                for i in range {
                    let row = g.baseAddress! + i * n
                    for p in ratings.itemRange(i) {
                        for q in ratings.userRange(Int(ratings.itemUsers[p])) { row[Int(ratings.userItems[q])] += 1 }
                    }
                    row[i] += configuration.regularization
                }
            }
        }
        let inverse = SymmetricInverse.invert(gram, size: n, threads: configuration.threads)
        var weights = DenseMatrix(rows: n, columns: n)
        for i in 0..<n {
            for j in 0..<n where i != j {
                weights[i, j] = Float(-inverse[i * n + j] / inverse[j * n + j])
            }
        }
        return EASE(
            weights: weights, userOffsets: ratings.userOffsets, userItems: ratings.userItems,
            configuration: configuration)
    }

    public func predict(user: Int, item: Int) -> Float {
        var score: Float = 0
        for p in userOffsets[user]..<userOffsets[user + 1] { score += weights[Int(userItems[p]), item] }
        return score
    }

    public func scoreItems(forUser user: Int, into scores: inout MutableSpan<Float>) {
        let items = userItems[userOffsets[user]..<userOffsets[user + 1]].map(Int.init)
        scores.withUnsafeMutableBufferPointer { score(items: items, into: $0) }
    }

    /// Σ of the B rows of `items`, into `scores` (also the fold-in of a new user).
    func score(items: [Int], into scores: UnsafeMutableBufferPointer<Float>) {
        let n = weights.columns
        for index in 0..<n { scores[index] = 0 }
        weights.storage.withUnsafeBufferPointer { b in
            for item in items { Kernels.addScaled(1, b.baseAddress! + item * n, to: scores.baseAddress!, count: n) }
        }
    }
}

extension EASE: TrainableModel {
    public static let descriptor = ModelDescriptor(
        name: "ease",
        summary:
            "implicit feedback: EASE^R (Steck 2019), the closed-form item–item model, one Cholesky inverse of the item Gram matrix",
        ranksOnly: true)
    public static let hyperparameters = Hyperparameters(
        defaults: Configuration(),
        [
            .real(
                "regularization", \.regularization, .positive,
                help: "λ on the diagonal of XᵀX (hundreds for MovieLens-sized data)"),
            .threads(\.threads),
        ])

    public static func train(
        _ data: TrainingData, configuration: Configuration, observer: TrainingObserver?
    ) throws(ModelError) -> Self {
        try fit(data.ratings, configuration: configuration)
    }

    public func archive(into archive: inout ModelArchive) {
        archive.set(weights, as: "item-weights")
    }

    public init(from reader: ArchiveReader, configuration: Configuration) throws(ModelFileError) {
        let items = reader.training.itemCount
        self.init(
            weights: try reader.matrix("item-weights", rows: items, columns: items),
            userOffsets: reader.training.userOffsets,
            userItems: reader.training.userItems, configuration: configuration)
    }

    /// The item–item product: the sum of the given items' rows of B.
    public func foldIn(items: [Int], ratings: [Float]) -> [Float] {
        var scores = [Float](repeating: 0, count: itemCount)
        scores.withUnsafeMutableBufferPointer { score(items: items, into: $0) }
        return scores
    }

    /// One term per item j the user interacted with: B_ji, its weight toward the item.
    public func explain(items: [Int], for user: ExplainedUser) -> [Explanation]? {
        explanations(of: items, for: user) { item in
            zip(user.items, user.ratings).map { j, rating in
                ExplanationTerm(.ratedItem, weights[j, item], item: j, rating: rating)
            }
        }
    }

    /// B_ij: how much interacting with i raises the score of j.
    public func similarItems(to item: Int, count: Int, where isCandidate: (Int) -> Bool) -> [ScoredItem]? {
        var top = TopK(capacity: count)
        for other in 0..<itemCount where other != item && isCandidate(other) {
            top.insert(item: other, score: weights[item, other])
        }
        return top.sorted()
    }
}

/// Inverts a symmetric positive-definite matrix by Cholesky (A = LLᵀ, A⁻¹ = L⁻ᵀL⁻¹), in `Double`.
enum SymmetricInverse {
    static func invert(_ matrix: [Double], size n: Int, threads: Int?) -> [Double] {
        var l = matrix
        l.withUnsafeMutableBufferPointer { a in
            let base = a.baseAddress!
            for j in 0..<n {
                let rowJ = base + j * n
                var diagonal = rowJ[j]
                for k in 0..<j { diagonal -= rowJ[k] * rowJ[k] }
                let pivot = max(diagonal, 1e-300).squareRoot()
                rowJ[j] = pivot
                let inverse = 1 / pivot
                // Rows below j are independent given rows 0...j: split them over the cores.
                Parallel.forEachChunk(of: n - j - 1, work: (n - j) * j, threads: threads) { range in
                    for offset in range {
                        let rowI = base + (j + 1 + offset) * n
                        rowI[j] = (rowI[j] - dotDouble(rowI, rowJ, j)) * inverse
                    }
                }
            }
        }
        // L⁻¹ by forward substitution, one column at a time (columns in parallel), stored transposed.
        var inverseTransposed = [Double](repeating: 0, count: n * n)
        l.withUnsafeBufferPointer { lBuffer in
            inverseTransposed.withUnsafeMutableBufferPointer { out in
                Parallel.forEachChunk(of: n, work: n * n * n / 6, threads: threads) { range in
                    for column in range {
                        let x = out.baseAddress! + column * n  // x = L⁻¹ e_column (zero above `column`)
                        for i in column..<n {
                            var value = i == column ? 1.0 : 0.0
                            let rowI = lBuffer.baseAddress! + i * n
                            value -= dotDouble(rowI + column, x + column, i - column)
                            x[i] = value / rowI[i]
                        }
                    }
                }
            }
        }
        // A⁻¹ = (L⁻¹)ᵀ L⁻¹: entry (i, j) = Σ_k L⁻¹[k, i] L⁻¹[k, j] = column i · column j of L⁻¹.
        var result = [Double](repeating: 0, count: n * n)
        inverseTransposed.withUnsafeBufferPointer { m in
            result.withUnsafeMutableBufferPointer { out in
                Parallel.forEachChunk(of: n, work: n * n * n / 2, threads: threads) { range in
                    for i in range {
                        for j in i..<n {
                            let start = max(i, j)
                            let value = dotDouble(
                                m.baseAddress! + i * n + start, m.baseAddress! + j * n + start, n - start)
                            out[i * n + j] = value
                            out[j * n + i] = value
                        }
                    }
                }
            }
        }
        return result
    }

    @inline(__always)
    static func dotDouble(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ count: Int) -> Double {
        var s0 = SIMD4<Double>(), s1 = SIMD4<Double>()
        var index = 0
        while index + 8 <= count {
            s0 +=
                UnsafeRawPointer(a + index).loadUnaligned(as: SIMD4<Double>.self)
                * UnsafeRawPointer(b + index).loadUnaligned(as: SIMD4<Double>.self)
            s1 +=
                UnsafeRawPointer(a + index + 4).loadUnaligned(as: SIMD4<Double>.self)
                * UnsafeRawPointer(b + index + 4).loadUnaligned(as: SIMD4<Double>.self)
            index += 8
        }
        var sum = (s0 + s1).sum()
        while index < count {
            sum += a[index] * b[index]
            index += 1
        }
        return sum
    }
}
