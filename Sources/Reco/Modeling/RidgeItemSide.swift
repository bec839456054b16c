/// The fixed item side of a factor model whose new users are folded in by ridge regression
/// (biased-mf, als, matrix-factorization): item vectors q_j and the baseline μ + b_j.
///
/// A new user's vector is
/// ```
/// p = argmin Σ_j (t_j − p·q_j)² + λ n ‖p‖²,   t_j = r_j − base − b_j
/// ```
/// over the n items they rated (weighted λ as in ALS-WR), and their scores base + b_i + p·q_i.
public struct RidgeItemSide: Sendable {
    /// The item vectors q_j (items × k).
    public let factors: DenseMatrix
    /// μ for biased models, the model's offset otherwise.
    public let base: Float
    /// b_j, or `nil` for a model without item biases.
    public let biases: [Float]?
    /// λ in λ n ‖p‖².
    public let regularization: Float

    /// An item side.
    public init(factors: DenseMatrix, base: Float, biases: [Float]?, regularization: Float) {
        self.factors = factors
        self.base = base
        self.biases = biases
        self.regularization = regularization
    }

    /// The rating less the item's baseline: what p·q_j should explain.
    func target(item: Int, rating: Float) -> Float { rating - base - (biases?[item] ?? 0) }

    /// The ridge solution for a user who gave `ratings` to `items`.
    ///
    /// In `Float` with SIMD: the lower triangle of Σ q_j q_jᵀ is accumulated row by row, then
    /// solved by the ALS Cholesky, so a user with n ratings costs n·k²/2 + k³/6 multiply-adds.
    public func vector(items: [Int], ratings: [Float]) -> [Float] {
        let k = factors.columns
        var gram = [Float](repeating: 0, count: k * k)
        var moment = [Float](repeating: 0, count: k)
        factors.storage.withUnsafeBufferPointer { q in
            gram.withUnsafeMutableBufferPointer { a in
                moment.withUnsafeMutableBufferPointer { b in
                    for (item, rating) in zip(items, ratings) {
                        let x = q.baseAddress! + item * k
                        Kernels.addScaled(target(item: item, rating: rating), x, to: b.baseAddress!, count: k)
                        for r in 0..<k { Kernels.addScaled(x[r], x, to: a.baseAddress! + r * k, count: r + 1) }
                    }
                    let ridge = regularization * Float(max(items.count, 1))
                    for d in 0..<k { a[d * k + d] += ridge }
                    FloatCholesky.solveLower(a.baseAddress!, b.baseAddress!, size: k)
                }
            }
        }
        return moment
    }

    /// base + b_i + vector · q_i for every item.
    public func scores(vector: [Float]) -> [Float] {
        factors.scores(against: vector, base: base, biases: biases)
    }

    /// The fold-in: the ridge vector's scores.
    public func foldIn(items: [Int], ratings: [Float]) -> [Float] {
        scores(vector: vector(items: items, ratings: ratings))
    }
}
