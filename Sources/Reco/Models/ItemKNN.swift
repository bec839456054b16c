/// Item–item k-nearest-neighbours on baseline residuals with the shrunk Pearson-baseline
/// similarity (Koren 2010, section 2.2; Surprise's `KNNBaseline` with `pearson_baseline`,
/// item-based).
///
/// With baselines b_ui = μ + b_u + b_i (`BaselinePredictor`) and residuals d_ui = r_ui − b_ui, the
/// similarity of items i and j over their n_ij common users is
/// ```
/// s_ij = Σ_u d_ui d_uj / √(Σ_u d_ui² · Σ_u d_uj²) · (n_ij − 1) / (n_ij − 1 + shrinkage)
/// ```
/// (0 when n_ij < `minimumSupport`), and the prediction is
/// ```
/// r̂(u, i) = b_ui + Σ_{j ∈ N^k_i(u)} s_ij d_uj / Σ_{j ∈ N^k_i(u)} s_ij
/// ```
/// over the k items u rated that are most similar to i, counting only positive similarities.
///
/// - Complexity: O(Σ_u n_u²) to fit (rows computed in parallel), items² floats of memory;
///   O(n_u log k) per prediction.
public struct ItemKNN: RatingModel {
    /// Hyperparameters; the defaults are Surprise's.
    public struct Configuration: Sendable, Equatable {
        /// k, the neighbours used per prediction.
        public var neighbors: Int
        /// The shrinkage of similarities supported by few common users.
        public var shrinkage: Float
        /// Pairs with fewer common users get similarity 0.
        public var minimumSupport: Int
        /// Fewer usable neighbours than this and the prediction is the baseline.
        public var minimumNeighbors: Int
        /// The baselines.
        public var baseline: BaselinePredictor.Configuration
        /// Threads; `nil` uses every core.
        public var threads: Int?

        /// Creates a configuration.
        public init(
            neighbors: Int = 40, shrinkage: Float = 100, minimumSupport: Int = 1, minimumNeighbors: Int = 1,
            baseline: BaselinePredictor.Configuration = .init(), threads: Int? = nil
        ) {
            self.neighbors = neighbors
            self.shrinkage = shrinkage
            self.minimumSupport = minimumSupport
            self.minimumNeighbors = minimumNeighbors
            self.baseline = baseline
            self.threads = threads
        }
    }

    /// The hyperparameters.
    public var configuration: Configuration
    /// The baselines b_ui.
    public var baseline: BaselinePredictor
    /// s_ij, items × items.
    public var similarities: DenseMatrix
    /// Each user's rated items (CSR offsets and items) and residuals d_uj.
    public var userOffsets: [Int]
    public var userItems: [Int32]
    public var userResiduals: [Float]

    public var userCount: Int { baseline.userCount }
    public var itemCount: Int { baseline.itemCount }
    public var itemVectors: DenseMatrix? { nil }

    /// Fits baselines and all item–item similarities on `ratings`.
    public static func fit(_ ratings: RatingMatrix, configuration: Configuration = Configuration()) throws(ModelError) -> ItemKNN {
        guard configuration.neighbors >= 1 else {
            throw .invalidParameter(name: "neighbors", value: "\(configuration.neighbors)", expected: "at least 1")
        }
        guard configuration.shrinkage >= 0, configuration.shrinkage.isFinite else {
            throw .invalidParameter(name: "shrinkage", value: "\(configuration.shrinkage)", expected: "≥ 0")
        }
        let baseline = try BaselinePredictor.fit(ratings, configuration: configuration.baseline)
        var userResiduals = [Float](repeating: 0, count: ratings.count)
        for user in 0..<ratings.userCount {
            for p in ratings.userRange(user) {
                userResiduals[p] = ratings.userRatings[p] - baseline.predict(user: user, item: Int(ratings.userItems[p]))
            }
        }
        // Column residuals, parallel to ratings.itemUsers.
        var itemResiduals = [Float](repeating: 0, count: ratings.count)
        for item in 0..<ratings.itemCount {
            for p in ratings.itemRange(item) {
                itemResiduals[p] = ratings.itemRatings[p] - baseline.predict(user: Int(ratings.itemUsers[p]), item: item)
            }
        }
        let n = ratings.itemCount
        var similarities = DenseMatrix(rows: n, columns: n)
        let shrinkage = configuration.shrinkage
        let support = configuration.minimumSupport
        var work = 0
        for user in 0..<ratings.userCount { work += ratings.ratingCount(ofUser: user) * ratings.ratingCount(ofUser: user) }
        similarities.storage.withUnsafeMutableBufferPointer { output in
            Parallel.forEachChunk(of: n, work: work, threads: configuration.threads) { range in
                var products = [Float](repeating: 0, count: n)
                var squaresI = [Float](repeating: 0, count: n)
                var squaresJ = [Float](repeating: 0, count: n)
                var counts = [Int32](repeating: 0, count: n)
                for i in range {
                    for c in 0..<n {
                        products[c] = 0
                        squaresI[c] = 0
                        squaresJ[c] = 0
                        counts[c] = 0
                    }
                    for p in ratings.itemRange(i) {
                        let user = Int(ratings.itemUsers[p])
                        let di = itemResiduals[p]
                        let di2 = di * di
                        for q in ratings.userRange(user) {
                            let j = Int(ratings.userItems[q])
                            let dj = userResiduals[q]
                            products[j] += di * dj
                            squaresI[j] += di2
                            squaresJ[j] += dj * dj
                            counts[j] += 1
                        }
                    }
                    let row = output.baseAddress! + i * n
                    for j in 0..<n {
                        let common = Int(counts[j])
                        let denominator = (squaresI[j] * squaresJ[j]).squareRoot()
                        guard common >= support, common > 0, denominator > 0 else {
                            row[j] = 0
                            continue
                        }
                        row[j] = products[j] / denominator * Float(common - 1) / (Float(common - 1) + shrinkage)
                    }
                    row[i] = 1
                }
            }
        }
        return ItemKNN(
            configuration: configuration, baseline: baseline, similarities: similarities, userOffsets: ratings.userOffsets,
            userItems: ratings.userItems, userResiduals: userResiduals)
    }

    /// The baseline's estimate: KNNBaseline's answer when the user or the item is unknown.
    public func baselinePrediction(user: Int?, item: Int?) -> Float? {
        baseline.baselinePrediction(user: user, item: item)
    }

    public func predict(user: Int, item: Int) -> Float {
        var top = TopK(capacity: configuration.neighbors)
        let n = itemCount
        let range = userOffsets[user]..<userOffsets[user + 1]
        similarities.storage.withUnsafeBufferPointer { s in
            let row = s.baseAddress! + item * n
            for p in range {
                let similarity = row[Int(userItems[p])]
                if similarity > 0 { top.insert(item: p, score: similarity) }
            }
        }
        let neighbors = top.sorted()
        var estimate = baseline.predict(user: user, item: item)
        guard neighbors.count >= configuration.minimumNeighbors, !neighbors.isEmpty else { return estimate }
        var weighted: Float = 0
        var total: Float = 0
        for neighbor in neighbors {
            weighted += neighbor.score * userResiduals[neighbor.item]
            total += neighbor.score
        }
        if total > 0 { estimate += weighted / total }
        return estimate
    }
}
