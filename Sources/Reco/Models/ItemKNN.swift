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
    public let configuration: Configuration
    /// The baselines b_ui.
    public let baseline: BaselinePredictor
    /// s_ij, items × items.
    public let similarities: DenseMatrix
    /// Each user's rated items: CSR offsets into `userItems`.
    public let userOffsets: [Int]
    /// Each user's rated items: item indices.
    public let userItems: [Int32]
    /// The residual d_uj of each rating in `userItems`.
    public let userResiduals: [Float]

    public var userCount: Int { baseline.userCount }
    public var itemCount: Int { baseline.itemCount }

    /// Fits baselines and all item–item similarities on `ratings`.
    ///
    /// - Throws: `ModelError.invalidParameter` for a value out of its domain.
    public static func fit(
        _ ratings: RatingMatrix, configuration: Configuration = Configuration()
    ) throws(ModelError) -> ItemKNN {
        try hyperparameters.validate(configuration)
        let baseline = try BaselinePredictor.fit(ratings, configuration: configuration.baseline)
        var userResiduals = [Float](repeating: 0, count: ratings.count)
        for user in 0..<ratings.userCount {
            for p in ratings.userRange(user) {
                userResiduals[p] =
                    ratings.userRatings[p] - baseline.predict(user: user, item: Int(ratings.userItems[p]))
            }
        }
        // Column residuals, parallel to ratings.itemUsers.
        var itemResiduals = [Float](repeating: 0, count: ratings.count)
        for item in 0..<ratings.itemCount {
            for p in ratings.itemRange(item) {
                itemResiduals[p] =
                    ratings.itemRatings[p] - baseline.predict(user: Int(ratings.itemUsers[p]), item: item)
            }
        }
        let n = ratings.itemCount
        var similarities = DenseMatrix(rows: n, columns: n)
        let shrinkage = configuration.shrinkage
        let support = configuration.minimumSupport
        var work = 0
        for user in 0..<ratings.userCount {
            work += ratings.ratingCount(ofUser: user) * ratings.ratingCount(ofUser: user)
        }
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
            configuration: configuration, baseline: baseline, similarities: similarities,
            userOffsets: ratings.userOffsets,
            userItems: ratings.userItems, userResiduals: userResiduals)
    }

    /// The baseline's estimate: KNNBaseline's answer when the user or the item is unknown.
    public func baselinePrediction(user: Int?, item: Int?) -> Float? {
        baseline.baselinePrediction(user: user, item: item)
    }

    /// A model from known parts.
    ///
    /// - Precondition: `similarities` is items × items and `userOffsets` is a CSR over `userItems`
    ///   with one residual per entry.
    public init(
        configuration: Configuration, baseline: BaselinePredictor, similarities: DenseMatrix, userOffsets: [Int],
        userItems: [Int32], userResiduals: [Float]
    ) {
        precondition(
            similarities.rows == baseline.itemCount && similarities.columns == baseline.itemCount,
            "similarities are items × items")
        precondition(
            userOffsets.count == baseline.userCount + 1 && userItems.count == userResiduals.count,
            "one residual per rating")
        self.configuration = configuration
        self.baseline = baseline
        self.similarities = similarities
        self.userOffsets = userOffsets
        self.userItems = userItems
        self.userResiduals = userResiduals
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

extension ItemKNN: TrainableModel {
    public static let descriptor = ModelDescriptor(
        name: "item-knn", aliases: ["knn", "knnbaseline"],
        summary: "item–item k-NN on baseline residuals with shrunk Pearson-baseline similarity (Surprise's KNNBaseline)"
    )
    public static let hyperparameters = Hyperparameters(
        defaults: Configuration(),
        [
            .integer("neighbors", \.neighbors, minimum: 1, help: "k, the most similar rated items used per prediction"),
            .real("shrinkage", \.shrinkage, .nonNegative, help: "shrinks similarities with few common users toward 0"),
            .integer("min-support", \.minimumSupport, help: "pairs with fewer common users get similarity 0"),
            .integer(
                "min-neighbors", \.minimumNeighbors, help: "with fewer usable neighbours the prediction is the baseline"
            ),
            .threads(\.threads),
        ])

    public static func train(
        _ data: TrainingData, configuration: Configuration, observer: TrainingObserver?
    ) throws(ModelError) -> Self {
        try fit(data.ratings, configuration: configuration)
    }

    public func archive(into archive: inout ModelArchive) {
        archive.floats["mean"] = [baseline.mean]
        archive.floats["user-biases"] = baseline.userBiases
        archive.floats["item-biases"] = baseline.itemBiases
        archive.set(similarities, as: "similarities")
        // Kept for readers older than the `configuration` field.
        archive.longs["neighbor-settings"] = [Int64(configuration.neighbors), Int64(configuration.minimumNeighbors)]
        archive.floats["residuals"] = userResiduals
    }

    public init(from reader: ArchiveReader, configuration: Configuration) throws(ModelFileError) {
        let items = reader.training.itemCount
        let similarities = try reader.matrix("similarities", rows: items, columns: items)
        let baseline = BaselinePredictor(
            mean: try reader.scalar("mean"), userBiases: try reader.perUser("user-biases"),
            itemBiases: try reader.perItem("item-biases"),
            configuration: configuration.baseline)
        self.init(
            configuration: configuration, baseline: baseline, similarities: similarities,
            userOffsets: reader.training.userOffsets,
            userItems: reader.training.userItems,
            userResiduals: try reader.floats("residuals", count: reader.training.count))
    }

    /// The k-NN formula with the given items as the user's history and their residuals from
    /// μ + b_i (a new user has no b_u).
    public func foldIn(items: [Int], ratings: [Float]) -> [Float] {
        let residuals = zip(items, ratings).map { $1 - baseline.mean - baseline.itemBiases[$0] }
        return (0..<itemCount).map { foldInScore(item: $0, items: items, residuals: residuals) }
    }

    /// A new user's score of `item` from their `items` and residuals from μ + b_j.
    private func foldInScore(item: Int, items: [Int], residuals: [Float]) -> Float {
        var top = TopK(capacity: configuration.neighbors)
        for (position, j) in items.enumerated() where similarities[item, j] > 0 {
            top.insert(item: position, score: similarities[item, j])
        }
        var weighted: Float = 0
        var total: Float = 0
        for neighbor in top.sorted() {
            weighted += neighbor.score * residuals[neighbor.item]
            total += neighbor.score
        }
        return baseline.mean + baseline.itemBiases[item] + (total > 0 ? weighted / total : 0)
    }

    /// μ, b_u, b_i, and for each of the k most similar items j the user rated
    /// s_ij·(r_uj − b_uj) / Σ s_ij (a new user: residuals from μ + b_j, no b_u).
    public func explain(items: [Int], for user: ExplainedUser) -> [Explanation]? {
        let history: [Int]
        let residuals: [Float]
        let userBias: Float
        if let index = user.user {
            let range = userOffsets[index]..<userOffsets[index + 1]
            history = userItems[range].map(Int.init)
            residuals = Array(userResiduals[range])
            userBias = baseline.userBiases[index]
        } else {
            history = user.items
            residuals = zip(user.items, user.ratings).map { $1 - baseline.mean - baseline.itemBiases[$0] }
            userBias = 0
        }
        let ratingOf = Dictionary(zip(user.items, user.ratings), uniquingKeysWith: { first, _ in first })
        guard user.user != nil || !history.isEmpty else { return nil }
        // One item's score costs one neighbour search, like its explanation: no whole-catalogue pass.
        let score = { (item: Int) in
            user.user.map { predict(user: $0, item: item) }
                ?? foldInScore(item: item, items: history, residuals: residuals)
        }
        return explanations(of: items, score: score) { item in
            var terms = baseline.baselineTerms(userBias: userBias, item: item)
            var top = TopK(capacity: configuration.neighbors)
            for (position, j) in history.enumerated() where similarities[item, j] > 0 {
                top.insert(item: position, score: similarities[item, j])
            }
            let neighbors = top.sorted()
            guard user.user == nil || neighbors.count >= configuration.minimumNeighbors else { return terms }
            let total = neighbors.reduce(Float(0)) { $0 + $1.score }
            guard total > 0 else { return terms }
            for neighbor in neighbors {
                let j = history[neighbor.item]
                terms.append(
                    ExplanationTerm(
                        .ratedItem, neighbor.score * residuals[neighbor.item] / total, item: j, rating: ratingOf[j]))
            }
            return terms
        }
    }

    /// The shrunk Pearson-baseline similarities s_ij.
    public func similarItems(to item: Int, count: Int, where isCandidate: (Int) -> Bool) -> [ScoredItem]? {
        var top = TopK(capacity: count)
        for other in 0..<itemCount where other != item && isCandidate(other) {
            top.insert(item: other, score: similarities[item, other])
        }
        return top.sorted()
    }
}
