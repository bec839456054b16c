/// Splits a dot product p·v between the items a user rated, where p is (or is viewed as) the
/// solution of a weighted ridge regression on those items' vectors q_j:
/// ```
/// A = G + Σ_j ω_j q_j q_jᵀ + d·I,   p = A⁻¹ Σ_j t_j q_j,   so   p·v = Σ_j t_j (w·q_j),  w = A⁻¹ v
/// ```
/// (Hu, Koren & Volinsky 2008, §5). With G = 0, ω_j = 1 and d = λ·n this is the ridge fold-in of the
/// factor models; with G = YᵀY, ω_j = c_j − 1, d = λ and t_j = c_j it is implicit ALS's exact
/// explanation. A is factorised once per user, so explaining several items costs one solve each.
struct RatedItemAttribution {
    /// The rated items (indices into `factors`).
    let items: [Int]
    /// t_j, parallel to `items`.
    let targets: [Float]
    /// q_j for every item (items × k).
    let factors: DenseMatrix
    /// The Cholesky factor of A (k × k, lower triangle).
    private let factor: [Float]

    /// The attribution over `items` with targets `targets`, Gram weights `gramWeights` (1 each when
    /// `nil`), `base` added to the Gram matrix (k × k, or `nil`) and `diagonal` added to its diagonal.
    init(
        factors: DenseMatrix, items: [Int], targets: [Float], gramWeights: [Float]? = nil, base: [Float]? = nil,
        diagonal: Float
    ) {
        let k = factors.columns
        var gram = base ?? [Float](repeating: 0, count: k * k)
        factors.storage.withUnsafeBufferPointer { q in
            gram.withUnsafeMutableBufferPointer { a in
                Self.accumulateLowerGram(
                    q.baseAddress!, items: items, weights: gramWeights, into: a.baseAddress!, size: k)
                for d in 0..<k { a[d * k + d] += diagonal }
                FloatCholesky.factorLower(a.baseAddress!, size: k)
            }
        }
        self.items = items
        self.targets = targets
        self.factors = factors
        factor = gram
    }

    /// Adds Σ ω_j q_j q_jᵀ to the lower triangle of `a` (k × k; entries right of the diagonal may be
    /// written too, and are never read), four items at a time so each row of `a` is loaded and
    /// stored once per four rank-one updates.
    static func accumulateLowerGram(
        _ q: UnsafePointer<Float>, items: [Int], weights: [Float]?, into a: UnsafeMutablePointer<Float>, size k: Int
    ) {
        var start = 0
        while start < items.count {
            let block = min(4, items.count - start)
            // A short last block repeats its last item with weight 0.
            func row(_ m: Int) -> UnsafePointer<Float> { q + items[start + min(m, block - 1)] * k }
            func scale(_ m: Int) -> Float { m < block ? (weights?[start + m] ?? 1) : 0 }
            let (x0, x1, x2, x3) = (row(0), row(1), row(2), row(3))
            let scales = (scale(0), scale(1), scale(2), scale(3))
            for r in 0..<k {
                let c0 = scales.0 * x0[r], c1 = scales.1 * x1[r], c2 = scales.2 * x2[r], c3 = scales.3 * x3[r]
                let row = a + r * k
                let end = min(k, (r + 8) & ~7)
                var c = 0
                while c + 8 <= end {
                    var sum = UnsafeRawPointer(row + c).loadUnaligned(as: SIMD8<Float>.self)
                    sum += c0 * UnsafeRawPointer(x0 + c).loadUnaligned(as: SIMD8<Float>.self)
                    sum += c1 * UnsafeRawPointer(x1 + c).loadUnaligned(as: SIMD8<Float>.self)
                    sum += c2 * UnsafeRawPointer(x2 + c).loadUnaligned(as: SIMD8<Float>.self)
                    sum += c3 * UnsafeRawPointer(x3 + c).loadUnaligned(as: SIMD8<Float>.self)
                    UnsafeMutableRawPointer(row + c).storeBytes(of: sum, as: SIMD8<Float>.self)
                    c += 8
                }
                while c < end {
                    row[c] += c0 * x0[c] + c1 * x1[c] + c2 * x2[c] + c3 * x3[c]
                    c += 1
                }
            }
            start += block
        }
    }

    /// t_j (w·q_j) for every rated item j, with A w = `vector`.
    func contributions(toward vector: [Float]) -> [Float] {
        let k = factors.columns
        var w = vector
        factor.withUnsafeBufferPointer { a in
            w.withUnsafeMutableBufferPointer { FloatCholesky.solveFactored(a.baseAddress!, $0.baseAddress!, size: k) }
        }
        return factors.storage.withUnsafeBufferPointer { q in
            w.withUnsafeBufferPointer { w in
                zip(items, targets).map { item, target in
                    target * Kernels.dot(w.baseAddress!, q.baseAddress! + item * k, count: k)
                }
            }
        }
    }

    /// One `.ratedItem` term per rated item for p·`vector`, labelled with the user's `ratings`, and a
    /// `.residual` term `actual` − Σ when the explained dot product `actual` is given (the trained
    /// p·v of a model that is not exactly this ridge regression), so the terms add up to it.
    func terms(toward vector: [Float], ratings: [Float], actual: Float? = nil) -> [ExplanationTerm] {
        let parts = contributions(toward: vector)
        var terms = zip(items, zip(parts, ratings)).map { item, pair in
            ExplanationTerm(.ratedItem, pair.0, item: item, rating: pair.1)
        }
        if let actual {
            let explained = parts.reduce(0.0) { $0 + Double($1) }
            terms.append(ExplanationTerm(.residual, Float(Double(actual) - explained)))
        }
        return terms
    }
}
