/// Splits a dot product p·v between the items a user rated, where p is (or is viewed as) the
/// solution of a weighted ridge regression on those items' vectors q_j:
/// ```
/// A = G + Σ_j ω_j q_j q_jᵀ + d·I,   p = A⁻¹ Σ_j t_j q_j,   so   p·v = Σ_j t_j (w·q_j),  w = A⁻¹ v
/// ```
/// (Hu, Koren & Volinsky 2008, §5). With G = 0, ω_j = 1 and d = λ·n this is the ridge fold-in of the
/// factor models; with G = YᵀY, ω_j = c_j − 1, d = λ and t_j = c_j it is implicit ALS's exact
/// explanation. A is factorised once per user, so explaining several items costs one solve each.
///
/// Without G and weights, a user who rated fewer items than there are factors (n < k) is explained
/// in the dual form: with Q the n × k matrix of their items' vectors, Q A⁻¹ = (Q Qᵀ + d·I)⁻¹ Q, so
/// the contributions toward v are t ⊙ (QQᵀ + d·I)⁻¹ (Q v): an n × n factorisation (n²k/2 + n³/3
/// operations) instead of the k × k one (nk²/2 + k³/3), the same terms to float rounding.
struct RatedItemAttribution {
    /// How A's inverse is applied.
    enum Form: Equatable {
        /// A = G + Σ ω_j q_j q_jᵀ + d·I, k × k.
        case primal
        /// QQᵀ + d·I, n × n (no G, no weights).
        case dual
    }

    /// The rated items (indices into `factors`).
    let items: [Int]
    /// t_j, parallel to `items`.
    let targets: [Float]
    /// q_j for every item (items × k).
    let factors: DenseMatrix
    /// The form `factor` is in.
    let form: Form
    /// The Cholesky factor (lower triangle) of A (k × k, primal) or of QQᵀ + d·I (n × n, dual).
    private let factor: [Float]

    /// The attribution over `items` with targets `targets`, Gram weights `gramWeights` (1 each when
    /// `nil`), `base` added to the Gram matrix (k × k, or `nil`) and `diagonal` added to its
    /// diagonal; `form` is the cheaper one when `nil` (dual for n < k when it applies).
    init(
        factors: DenseMatrix, items: [Int], targets: [Float], gramWeights: [Float]? = nil, base: [Float]? = nil,
        diagonal: Float, form: Form? = nil
    ) {
        let k = factors.columns, n = items.count
        let dualApplies = base == nil && gramWeights == nil
        precondition(form != .dual || dualApplies, "the dual form has no Gram base or weights")
        self.form = form ?? (dualApplies && n < k ? .dual : .primal)
        self.items = items
        self.targets = targets
        self.factors = factors
        factor =
            self.form == .dual
            ? Self.factorKernel(factors, items: items, diagonal: diagonal)
            : Self.factorGram(factors, items: items, weights: gramWeights, base: base, diagonal: diagonal)
    }

    /// The Cholesky factor of G + Σ ω_j q_j q_jᵀ + d·I (k × k).
    private static func factorGram(
        _ factors: DenseMatrix, items: [Int], weights: [Float]?, base: [Float]?, diagonal: Float
    ) -> [Float] {
        let k = factors.columns
        var gram = base ?? [Float](repeating: 0, count: k * k)
        factors.storage.withUnsafeBufferPointer { q in
            gram.withUnsafeMutableBufferPointer { a in
                accumulateLowerGram(q.baseAddress!, items: items, weights: weights, into: a.baseAddress!, size: k)
                for d in 0..<k { a[d * k + d] += diagonal }
                FloatCholesky.factorLower(a.baseAddress!, size: k)
            }
        }
        return gram
    }

    /// The Cholesky factor of QQᵀ + d·I (n × n): q_a·q_b for b ≤ a.
    private static func factorKernel(_ factors: DenseMatrix, items: [Int], diagonal: Float) -> [Float] {
        let k = factors.columns, n = items.count
        guard n > 0 else { return [] }
        var kernel = [Float](repeating: 0, count: n * n)
        factors.storage.withUnsafeBufferPointer { q in
            kernel.withUnsafeMutableBufferPointer { m in
                for a in 0..<n {
                    let x = q.baseAddress! + items[a] * k
                    for b in 0...a { m[a * n + b] = Kernels.dot(x, q.baseAddress! + items[b] * k, count: k) }
                    m[a * n + a] += diagonal
                }
                FloatCholesky.factorLower(m.baseAddress!, size: n)
            }
        }
        return kernel
    }

    /// Adds Σ ω_j q_j q_jᵀ to the lower triangle of `a` (k × k; entries right of the diagonal may be
    /// written too, and are never read), four items at a time and two rows at a time, so each row
    /// of `a` is loaded and stored once per four rank-one updates and each load of the four
    /// vectors serves two rows.
    static func accumulateLowerGram(
        _ q: UnsafePointer<Float>, items: [Int], weights: [Float]?, into a: UnsafeMutablePointer<Float>, size k: Int
    ) {
        typealias Vector = SIMD8<Float>
        func load(_ p: UnsafePointer<Float>) -> Vector { UnsafeRawPointer(p).loadUnaligned(as: Vector.self) }
        func store(_ v: Vector, _ p: UnsafeMutablePointer<Float>) {
            UnsafeMutableRawPointer(p).storeBytes(of: v, as: Vector.self)
        }
        var start = 0
        while start < items.count {
            let block = min(4, items.count - start)
            // A short last block repeats its last item with weight 0.
            func row(_ m: Int) -> UnsafePointer<Float> { q + items[start + min(m, block - 1)] * k }
            func scale(_ m: Int) -> Float { m < block ? (weights?[start + m] ?? 1) : 0 }
            let (x0, x1, x2, x3) = (row(0), row(1), row(2), row(3))
            let (s0, s1, s2, s3) = (scale(0), scale(1), scale(2), scale(3))
            var r = 0
            // Rows r and r + 1 (r even) end at the same multiple of 8.
            while r + 2 <= k {
                let (c0, c1, c2, c3) = (s0 * x0[r], s1 * x1[r], s2 * x2[r], s3 * x3[r])
                let (d0, d1, d2, d3) = (s0 * x0[r + 1], s1 * x1[r + 1], s2 * x2[r + 1], s3 * x3[r + 1])
                let upper = a + r * k, lower = upper + k
                let end = min(k, (r + 8) & ~7)
                var c = 0
                while c + 8 <= end {
                    let (v0, v1, v2, v3) = (load(x0 + c), load(x1 + c), load(x2 + c), load(x3 + c))
                    var first = load(upper + c)
                    first += c0 * v0
                    first += c1 * v1
                    first += c2 * v2
                    first += c3 * v3
                    store(first, upper + c)
                    var second = load(lower + c)
                    second += d0 * v0
                    second += d1 * v1
                    second += d2 * v2
                    second += d3 * v3
                    store(second, lower + c)
                    c += 8
                }
                while c < end {
                    upper[c] += c0 * x0[c] + c1 * x1[c] + c2 * x2[c] + c3 * x3[c]
                    lower[c] += d0 * x0[c] + d1 * x1[c] + d2 * x2[c] + d3 * x3[c]
                    c += 1
                }
                r += 2
            }
            if r < k {  // an odd k's last row, alone
                let (c0, c1, c2, c3) = (s0 * x0[r], s1 * x1[r], s2 * x2[r], s3 * x3[r])
                let last = a + r * k
                var c = 0
                while c + 8 <= k {
                    var sum = load(last + c)
                    sum += c0 * load(x0 + c)
                    sum += c1 * load(x1 + c)
                    sum += c2 * load(x2 + c)
                    sum += c3 * load(x3 + c)
                    store(sum, last + c)
                    c += 8
                }
                while c < k {
                    last[c] += c0 * x0[c] + c1 * x1[c] + c2 * x2[c] + c3 * x3[c]
                    c += 1
                }
            }
            start += block
        }
    }

    /// t_j (w·q_j) for every rated item j, with A w = `vector`.
    func contributions(toward vector: [Float]) -> [Float] {
        let k = factors.columns, n = items.count
        guard n > 0 else { return [] }
        return factors.storage.withUnsafeBufferPointer { q in
            factor.withUnsafeBufferPointer { l in
                switch form {
                case .primal:
                    var w = vector
                    w.withUnsafeMutableBufferPointer { Self.solveFactored(l.baseAddress!, $0.baseAddress!, size: k) }
                    return w.withUnsafeBufferPointer { w in
                        zip(items, targets).map { item, target in
                            target * Kernels.dot(w.baseAddress!, q.baseAddress! + item * k, count: k)
                        }
                    }
                case .dual:
                    var z = vector.withUnsafeBufferPointer { v in
                        items.map { Kernels.dot(v.baseAddress!, q.baseAddress! + $0 * k, count: k) }
                    }
                    z.withUnsafeMutableBufferPointer { Self.solveFactored(l.baseAddress!, $0.baseAddress!, size: n) }
                    for j in 0..<n { z[j] *= targets[j] }
                    return z
                }
            }
        }
    }

    /// Solves L·Lᵀ x = b in place (L: `factorLower`'s lower triangle), reading L by rows in both
    /// substitutions: the back substitution subtracts x_r times row r from the entries before r
    /// (an axpy along a row) instead of walking L's column r with a stride of k. `FloatCholesky`'s
    /// own solve, which ALS uses, is left as it is so trained models keep their exact numbers.
    static func solveFactored(_ a: UnsafePointer<Float>, _ b: UnsafeMutablePointer<Float>, size n: Int) {
        for i in 0..<n {
            let rowI = a + i * n
            b[i] = (b[i] - Kernels.dot(rowI, b, count: i)) / rowI[i]
        }
        for r in stride(from: n - 1, through: 0, by: -1) {
            let rowR = a + r * n
            b[r] /= rowR[r]
            Kernels.addScaled(-b[r], rowR, to: b, count: r)
        }
    }

    /// One `.ratedItem` term per rated item for p·`vector`, labelled with the user's `ratings`, and a
    /// `.residual` term `actual` − Σ when the explained dot product `actual` is given (the trained
    /// p·v of a model that is not exactly this ridge regression), so the terms add up to it.
    func terms(toward vector: [Float], ratings: [Float], actual: Float? = nil) -> [ExplanationTerm] {
        var terms = [ExplanationTerm]()
        appendTerms(toward: vector, ratings: ratings, actual: actual, to: &terms)
        return terms
    }

    /// `terms(toward:ratings:actual:)`, appended to `terms`.
    func appendTerms(toward vector: [Float], ratings: [Float], actual: Float?, to terms: inout [ExplanationTerm]) {
        let parts = contributions(toward: vector)
        terms.reserveCapacity(terms.count + parts.count + 1)
        var explained = 0.0
        for (index, part) in parts.enumerated() {
            terms.append(ExplanationTerm(.ratedItem, part, item: items[index], rating: ratings[index]))
            explained += Double(part)
        }
        if let actual { terms.append(ExplanationTerm(.residual, Float(Double(actual) - explained))) }
    }
}
