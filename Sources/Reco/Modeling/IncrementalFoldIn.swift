/// A user's fold-in for the factor models whose fold-in is a ridge regression on fixed item
/// vectors (biased-mf, als, matrix-factorization), kept current one rating at a time.
///
/// It holds Σ x_j x_jᵀ and Σ t_j x_j over the user's rated items j (t_j the rating less the item's
/// baseline), so a new, changed or withdrawn rating costs O(k²) whatever the length of the user's
/// history. The vector is re-solved by conjugate gradients on (Σ x xᵀ + λ n I) p = Σ t x, started
/// from the previous solution: the weighted λ n keeps the system well conditioned, so a few O(k²)
/// iterations reach the solution of `RidgeItemSide`'s Cholesky (relative residual ≤ 10⁻⁵), instead of an
/// O(k³) factorization per solve. `scores(vector:)` gives `RidgeItemSide.foldIn`'s scores.
public struct IncrementalFoldIn: Sendable {
    let side: RidgeItemSide
    /// Σ x xᵀ, k × k (both triangles, so a product is k contiguous dot products).
    private var gram: [Float]
    private var moment: [Float]
    /// How many ratings are in the sums.
    public private(set) var count = 0

    /// An empty fold-in for `model`, or `nil` when its fold-in is not a ridge on item vectors.
    public init?(model: any TrainableModel) {
        guard let side = model.ridgeItemSide else { return nil }
        self.side = side
        gram = [Float](repeating: 0, count: side.factors.columns * side.factors.columns)
        moment = [Float](repeating: 0, count: side.factors.columns)
    }

    /// The number of factors.
    public var factors: Int { side.factors.columns }

    /// Adds the user's rating of `item`.
    public mutating func add(item: Int, rating: Float) {
        update(item: item, rating: rating, sign: 1)
        count += 1
    }

    /// Takes back a rating added before (to replace it with a new value, add the new one after).
    public mutating func remove(item: Int, rating: Float) {
        update(item: item, rating: rating, sign: -1)
        count -= 1
    }

    private mutating func update(item: Int, rating: Float, sign: Float) {
        let k = factors
        let target = side.target(item: item, rating: rating)
        side.factors.storage.withUnsafeBufferPointer { factors in
            gram.withUnsafeMutableBufferPointer { a in
                moment.withUnsafeMutableBufferPointer { b in
                    let x = factors.baseAddress! + item * k
                    Kernels.addScaled(sign * target, x, to: b.baseAddress!, count: k)
                    for r in 0..<k { Kernels.addScaled(sign * x[r], x, to: a.baseAddress! + r * k, count: k) }
                }
            }
        }
    }

    /// The user's vector: argmin Σ (t_j − p·x_j)² + λ n ‖p‖² (λ of the item side), by conjugate
    /// gradients from `start` (the previous solution, or zeros).
    public func vector(startingFrom start: [Float]? = nil) -> [Float] {
        let k = factors
        let ridge = side.regularization * Float(max(count, 1))
        var x = start.map { $0.count == k ? $0 : [Float](repeating: 0, count: k) } ?? [Float](repeating: 0, count: k)
        var r = [Float](repeating: 0, count: k)
        var d = [Float](repeating: 0, count: k)
        var q = [Float](repeating: 0, count: k)
        gram.withUnsafeBufferPointer { a in
            // q = (G + ridge I) v
            func product(_ v: UnsafeMutableBufferPointer<Float>, into q: UnsafeMutableBufferPointer<Float>) {
                for row in 0..<k {
                    q[row] = Kernels.dot(a.baseAddress! + row * k, v.baseAddress!, count: k) + ridge * v[row]
                }
            }
            x.withUnsafeMutableBufferPointer { x in
                r.withUnsafeMutableBufferPointer { r in
                    d.withUnsafeMutableBufferPointer { d in
                        q.withUnsafeMutableBufferPointer { q in
                            product(x, into: q)
                            for i in 0..<k { r[i] = moment[i] - q[i] }
                            var residual = Kernels.dot(r.baseAddress!, r.baseAddress!, count: k)
                            let target = max(Kernels.dot(moment, moment, count: k), 1e-30) * 1e-10
                            for i in 0..<k { d[i] = r[i] }
                            var iteration = 0
                            while residual > target && iteration < 2 * k {
                                product(d, into: q)
                                let curvature = Kernels.dot(d.baseAddress!, q.baseAddress!, count: k)
                                guard curvature > 0 else { break }
                                let step = residual / curvature
                                Kernels.addScaled(step, d.baseAddress!, to: x.baseAddress!, count: k)
                                Kernels.addScaled(-step, q.baseAddress!, to: r.baseAddress!, count: k)
                                let next = Kernels.dot(r.baseAddress!, r.baseAddress!, count: k)
                                let beta = next / residual
                                for i in 0..<k { d[i] = r[i] + beta * d[i] }
                                residual = next
                                iteration += 1
                            }
                        }
                    }
                }
            }
        }
        return x
    }

    /// The score of every item for a user with `vector`.
    public func scores(vector: [Float]) -> [Float] { side.scores(vector: vector) }
}
