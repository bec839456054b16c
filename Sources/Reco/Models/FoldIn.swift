/// Scores for a user who was not in training, from the items they rated, without retraining:
/// the user's vector is solved with the item side fixed.
///
/// - Factor models: p = argmin Σ_j (r_j − base_j − p·q_j)² + λ n ‖p‖² (ridge by Cholesky, λ = 0.1
///   as in ALS-WR), base_j = μ + b_j for biased models; SVD++ first adds z = n^-½ Σ y_j.
/// - Content-based: the user's ridge regression on the items' features.
/// - Item k-NN: the k-NN formula with the given items as the user's history.
/// - EASE: the item–item product, Σ of the given items' rows of B.
/// - Implicit ALS: the same weighted least squares as training, solved exactly.
/// - Implicit item k-NN: the sum of the given items' neighbourhoods; BPR: the mean of their vectors.
/// - Baseline, global mean, popularity: their own ranking (nothing personal to fold in).
enum FoldIn {
    static let regularization = 0.1

    static func scores(_ model: any RatingModel, items: [Int], ratings: [Float]) -> [Float] {
        var scores = [Float](repeating: 0, count: model.itemCount)
        switch model {
        case let m as BiasedMatrixFactorization:
            let targets = zip(items, ratings).map { $1 - m.mean - m.itemBiases[$0] }
            let p = ridge(m.itemFactors, rows: items, targets: targets)
            scores = score(p, m.itemFactors, base: m.mean, biases: m.itemBiases)
        case let m as SVDPlusPlus:
            let k = m.itemFactors.columns
            var z = [Float](repeating: 0, count: k)
            let scale = 1 / Float(items.count).squareRoot()
            for j in items { for c in 0..<k { z[c] += scale * m.implicitFactors[j, c] } }
            let targets = zip(items, ratings).map { $1 - m.mean - m.itemBiases[$0] - dot(z, m.itemFactors, $0) }
            let p = ridge(m.itemFactors, rows: items, targets: targets)
            let vector = zip(p, z).map { $0 + $1 }
            scores = score(vector, m.itemFactors, base: m.mean, biases: m.itemBiases)
        case let m as AlternatingLeastSquares:
            let p = ridge(m.itemFactors, rows: items, targets: ratings.map { $0 - m.offset })
            scores = score(p, m.itemFactors, base: m.offset)
        case let m as MatrixFactorization:
            let p = ridge(m.itemFactors, rows: items, targets: ratings.map { $0 - m.offset })
            scores = score(p, m.itemFactors, base: m.offset)
        case let m as ContentBasedRecommender:
            var problem = UserProblem(
                features: m.itemFeatures.columns, intercept: m.configuration.intercept,
                regularization: m.configuration.regularization)
            for (item, rating) in zip(items, ratings) { problem.addRow(m.itemFeatures.row(item), target: Double(rating - m.offset)) }
            let theta = problem.ridgeSolution()
            let f = m.itemFeatures.columns
            let intercept = m.configuration.intercept ? Float(theta[f]) : 0
            let weights = theta.prefix(f).map(Float.init)
            for item in 0..<m.itemCount { scores[item] = m.offset + intercept + dot(weights, m.itemFeatures, item) }
        case let m as ItemKNN:
            let residuals = zip(items, ratings).map { $1 - m.baseline.mean - m.baseline.itemBiases[$0] }
            for item in 0..<m.itemCount {
                var top = TopK(capacity: m.configuration.neighbors)
                for (position, j) in items.enumerated() where m.similarities[item, j] > 0 {
                    top.insert(item: position, score: m.similarities[item, j])
                }
                var weighted: Float = 0
                var total: Float = 0
                for neighbor in top.sorted() {
                    weighted += neighbor.score * residuals[neighbor.item]
                    total += neighbor.score
                }
                scores[item] = m.baseline.mean + m.baseline.itemBiases[item] + (total > 0 ? weighted / total : 0)
            }
        case let m as ImplicitALS:
            let x = m.foldIn(items: items, values: ratings)
            scores = score(x, m.itemFactors, base: 0)
        case let m as ImplicitItemKNN:
            scores.withUnsafeMutableBufferPointer { m.score(items: items, into: $0) }
        case let m as BPR:
            // p = the mean of the given items' vectors: the direction BPR's gradient pushes a new user.
            let k = m.itemFactors.columns
            var p = [Float](repeating: 0, count: k)
            for j in items { for c in 0..<k { p[c] += m.itemFactors[j, c] / Float(items.count) } }
            scores = score(p, m.itemFactors, base: 0, biases: m.itemBiases)
        case let m as EASE:
            scores.withUnsafeMutableBufferPointer { EASE.score(items: items, weights: m.weights, into: $0) }
        case let m as Blend:
            scores = m.combine(m.components.map { Self.scores($0.model, items: items, ratings: ratings) })
        case let m as BaselinePredictor:
            for item in 0..<m.itemCount { scores[item] = m.mean + m.itemBiases[item] }
        default:
            scores.withUnsafeMutableBufferPointer { buffer in
                if model.userCount > 0 { model.scoreItems(forUser: 0, into: buffer) }
            }
        }
        return scores
    }

    static func dot(_ vector: [Float], _ matrix: DenseMatrix, _ row: Int) -> Float {
        var sum: Float = 0
        for c in 0..<vector.count { sum += vector[c] * matrix[row, c] }
        return sum
    }

    /// base + biases[i] + vector · (row i of `items`) for every item.
    static func score(_ vector: [Float], _ items: DenseMatrix, base: Float, biases: [Float]? = nil) -> [Float] {
        var user = DenseMatrix(rows: 1, columns: items.columns)
        user.storage = vector
        var scores = [Float](repeating: 0, count: items.rows)
        scores.withUnsafeMutableBufferPointer { user.scoreRows(of: items, against: 0, base: base, biases: biases, into: $0) }
        return scores
    }

    /// argmin Σ_j (t_j − p·x_j)² + λ n ‖p‖² over the given rows x_j of `matrix`.
    ///
    /// In `Float` with SIMD: the lower triangle of Σ x_j x_jᵀ is accumulated row by row, then
    /// solved by the ALS Cholesky, so a user with n ratings costs n·k²/2 + k³/6 multiply-adds.
    static func ridge(_ matrix: DenseMatrix, rows: [Int], targets: [Float]) -> [Float] {
        let k = matrix.columns
        var gram = [Float](repeating: 0, count: k * k)
        var moment = [Float](repeating: 0, count: k)
        matrix.storage.withUnsafeBufferPointer { factors in
            gram.withUnsafeMutableBufferPointer { a in
                moment.withUnsafeMutableBufferPointer { b in
                    for (row, target) in zip(rows, targets) {
                        let x = factors.baseAddress! + row * k
                        Kernels.addScaled(target, x, to: b.baseAddress!, count: k)
                        for r in 0..<k { Kernels.addScaled(x[r], x, to: a.baseAddress! + r * k, count: r + 1) }
                    }
                    let ridge = Float(regularization) * Float(max(rows.count, 1))
                    for d in 0..<k { a[d * k + d] += ridge }
                    FloatCholesky.solveLower(a.baseAddress!, b.baseAddress!, size: k)
                }
            }
        }
        return moment
    }
}
