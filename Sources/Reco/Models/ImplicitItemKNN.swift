import RealModule

/// Item–item nearest neighbours for implicit feedback (what `implicit`'s ItemItemRecommender,
/// TFIDFRecommender and BM25Recommender offer): each item keeps its K most similar items, and a
/// user's score for item i sums the similarities of i to the items the user interacted with:
/// ```
/// score(u, i) = Σ_{j ∈ I(u), i ∈ N_K(j)} s_ji
/// ```
/// Similarities are dot products of weighted item columns of the users × items interaction matrix:
/// ```
/// cosine:  s_ij = x_i · x_j / (‖x_i‖ ‖x_j‖)
/// tfidf:   w_ui = x_ui · log(I / n_u)                                   s_ij = w_i · w_j
/// bm25:    w_ui = log(I / n_u) · x_ui (K1 + 1) / (K1 (1 − B + B n_i / n̄) + x_ui)    s_ij = w_i · w_j
/// ```
/// with I items, n_u the user's interactions, n_i the item's (K1 = 100, B = 0.8).
///
/// - Complexity: O(Σ_u n_u² + items² log K) to fit; O(n_u · K) to score a user.
public struct ImplicitItemKNN: RatingModel {
    /// How columns are weighted before the dot products.
    public enum Similarity: String, Sendable, CaseIterable {
        /// x_i · x_j / (‖x_i‖ ‖x_j‖).
        case cosine
        /// Dot products of TF-IDF weighted columns.
        case tfidf
        /// Dot products of BM25 weighted columns.
        case bm25
    }

    /// Hyperparameters.
    public struct Configuration: Sendable, Equatable {
        /// How columns are weighted.
        public var similarity: Similarity
        /// K, neighbours kept per item.
        public var neighbors: Int
        /// BM25's K1.
        public var k1: Float
        /// BM25's B.
        public var b: Float
        /// Threads; `nil` uses every core.
        public var threads: Int?

        /// Creates a configuration.
        public init(
            similarity: Similarity = .cosine, neighbors: Int = 20, k1: Float = 100, b: Float = 0.8, threads: Int? = nil
        ) {
            self.similarity = similarity
            self.neighbors = neighbors
            self.k1 = k1
            self.b = b
            self.threads = threads
        }
    }

    /// The hyperparameters it was trained with.
    public let configuration: Configuration
    /// Neighbours of each item (items × K, −1 where fewer than K).
    public let neighborItems: [Int32]
    /// Their similarities, parallel to `neighborItems`.
    public let neighborWeights: [Float]
    /// K.
    public let neighborsPerItem: Int
    /// Each user's interacted items: CSR offsets into `userItems`.
    public let userOffsets: [Int]
    /// Each user's interacted items.
    public let userItems: [Int32]

    public var userCount: Int { userOffsets.count - 1 }
    public var itemCount: Int { neighborItems.count / max(neighborsPerItem, 1) }

    /// A model from known neighbourhoods.
    ///
    /// - Precondition: one weight per neighbour slot, K ≥ 1, and a CSR history.
    public init(
        neighborItems: [Int32], neighborWeights: [Float], neighborsPerItem: Int, userOffsets: [Int], userItems: [Int32],
        configuration: Configuration = Configuration()
    ) {
        precondition(
            neighborsPerItem >= 1 && neighborItems.count == neighborWeights.count, "one weight per neighbour slot")
        precondition(userOffsets.last == userItems.count, "a CSR history")
        self.configuration = configuration
        self.neighborItems = neighborItems
        self.neighborWeights = neighborWeights
        self.neighborsPerItem = neighborsPerItem
        self.userOffsets = userOffsets
        self.userItems = userItems
    }

    /// Fits the neighbourhoods on the interactions of `ratings`.
    ///
    /// - Throws: `ModelError.invalidParameter` for a value out of its domain.
    public static func fit(
        _ ratings: RatingMatrix, configuration: Configuration = Configuration()
    ) throws(ModelError) -> ImplicitItemKNN {
        try hyperparameters.validate(configuration)
        let items = ratings.itemCount
        let k = configuration.neighbors
        // Weight of each interaction, in CSR (by user) order and in CSC (by item) order.
        let itemTotal = Float(max(items, 1))
        let averageLength = Float(ratings.count) / Float(max(items, 1))
        func weight(user: Int, item: Int) -> Float {
            let idf = Float.log(itemTotal / Float(max(ratings.ratingCount(ofUser: user), 1)))
            switch configuration.similarity {
            case .cosine: return 1
            case .tfidf: return idf
            case .bm25:
                let length =
                    1 - configuration.b + configuration.b * Float(ratings.ratingCount(ofItem: item)) / averageLength
                return idf * (configuration.k1 + 1) / (configuration.k1 * length + 1)
            }
        }
        var rowWeights = [Float](repeating: 0, count: ratings.count)
        for user in 0..<ratings.userCount {
            for p in ratings.userRange(user) { rowWeights[p] = weight(user: user, item: Int(ratings.userItems[p])) }
        }
        var columnWeights = [Float](repeating: 0, count: ratings.count)
        for item in 0..<items {
            for p in ratings.itemRange(item) { columnWeights[p] = weight(user: Int(ratings.itemUsers[p]), item: item) }
        }
        var norms = [Float](repeating: 0, count: items)
        for item in 0..<items {
            norms[item] = ratings.itemRange(item).reduce(0) { $0 + columnWeights[$1] * columnWeights[$1] }.squareRoot()
        }
        var neighborItems = [Int32](repeating: -1, count: items * k)
        var neighborWeights = [Float](repeating: 0, count: items * k)
        var work = 0
        for user in 0..<ratings.userCount {
            work += ratings.ratingCount(ofUser: user) * ratings.ratingCount(ofUser: user)
        }
        neighborItems.withUnsafeMutableBufferPointer { outItems in
            neighborWeights.withUnsafeMutableBufferPointer { outWeights in
                Parallel.forEachChunk(of: items, work: work, threads: configuration.threads) { range in
                    var accumulator = [Float](repeating: 0, count: items)
                    for i in range {
                        for c in 0..<items { accumulator[c] = 0 }
                        for p in ratings.itemRange(i) {
                            let wi = columnWeights[p]
                            for q in ratings.userRange(Int(ratings.itemUsers[p])) {
                                accumulator[Int(ratings.userItems[q])] += wi * rowWeights[q]
                            }
                        }
                        var top = TopK(capacity: k)
                        for j in 0..<items where j != i && accumulator[j] > 0 {
                            let similarity =
                                configuration.similarity == .cosine
                                ? accumulator[j] / max(norms[i] * norms[j], 1e-12) : accumulator[j]
                            top.insert(item: j, score: similarity)
                        }
                        for (slot, neighbor) in top.sorted().enumerated() {
                            outItems[i * k + slot] = Int32(neighbor.item)
                            outWeights[i * k + slot] = neighbor.score
                        }
                    }
                }
            }
        }
        return ImplicitItemKNN(
            neighborItems: neighborItems, neighborWeights: neighborWeights, neighborsPerItem: k,
            userOffsets: ratings.userOffsets, userItems: ratings.userItems, configuration: configuration)
    }

    public func predict(user: Int, item: Int) -> Float { scores(forUser: user)[item] }

    public func scoreItems(forUser user: Int, into scores: inout MutableSpan<Float>) {
        let items = userItems[userOffsets[user]..<userOffsets[user + 1]].map(Int.init)
        scores.withUnsafeMutableBufferPointer { score(items: items, into: $0) }
    }

    /// Σ of the neighbourhoods of `items` (also the fold-in of a new user).
    func score(items: [Int], into scores: UnsafeMutableBufferPointer<Float>) {
        for index in 0..<itemCount { scores[index] = 0 }
        let k = neighborsPerItem
        for j in items {
            for slot in 0..<k {
                let neighbor = neighborItems[j * k + slot]
                guard neighbor >= 0 else { break }
                scores[Int(neighbor)] += neighborWeights[j * k + slot]
            }
        }
    }
}

extension ImplicitItemKNN: TrainableModel {
    public static let descriptor = ModelDescriptor(
        name: "implicit-knn",
        summary:
            "implicit feedback: item–item neighbourhoods, `similarity` cosine, tfidf or bm25 (what `implicit` offers)",
        ranksOnly: true)
    public static let hyperparameters = Hyperparameters(
        defaults: Configuration(),
        [
            .choice("similarity", \.similarity, help: "how item columns are weighted before their dot products"),
            .integer("neighbors", \.neighbors, minimum: 1, help: "K, neighbours kept per item"),
            .real("k1", \.k1, .nonNegative, help: "BM25's K1"),
            .real("b", \.b, .closed(0, 1), help: "BM25's B"),
            .threads(\.threads),
        ])

    public static func train(
        _ data: TrainingData, configuration: Configuration, observer: TrainingObserver?
    ) throws(ModelError) -> Self {
        try fit(data.ratings, configuration: configuration)
    }

    public func archive(into archive: inout ModelArchive) {
        archive.integers["neighbor-items"] = neighborItems
        archive.floats["neighbor-weights"] = neighborWeights
        archive.longs["neighbors-per-item"] = [Int64(neighborsPerItem)]
    }

    public init(from reader: ArchiveReader, configuration: Configuration) throws(ModelFileError) {
        let items = reader.training.itemCount
        let k = try reader.longs("neighbors-per-item", count: 1)[0]
        let neighbors = try reader.integers("neighbor-items")
        // k is bounded by the array it sizes before it is multiplied (a file may claim any k).
        guard k >= 1, k <= neighbors.count, neighbors.count == items * Int(k),
            neighbors.allSatisfy({ $0 >= -1 && Int($0) < items })
        else {
            throw reader.malformed("implicit-knn neighbourhoods are malformed")
        }
        self.init(
            neighborItems: neighbors, neighborWeights: try reader.floats("neighbor-weights", count: neighbors.count),
            neighborsPerItem: Int(k),
            userOffsets: reader.training.userOffsets, userItems: reader.training.userItems, configuration: configuration
        )
    }

    /// The sum of the given items' neighbourhoods.
    public func foldIn(items: [Int], ratings: [Float]) -> [Float] {
        var scores = [Float](repeating: 0, count: itemCount)
        scores.withUnsafeMutableBufferPointer { score(items: items, into: $0) }
        return scores
    }

    /// One term per item j the user interacted with whose neighbourhood holds the item: their
    /// similarity.
    public func explain(items: [Int], for user: ExplainedUser) -> [Explanation]? {
        let k = neighborsPerItem
        return explanations(of: items, for: user) { item in
            user.items.compactMap { j in
                for slot in 0..<k {
                    let neighbor = neighborItems[j * k + slot]
                    guard neighbor >= 0 else { break }
                    if Int(neighbor) == item {
                        return ExplanationTerm(.ratedItem, neighborWeights[j * k + slot], item: j)
                    }
                }
                return nil
            }
        }
    }

    /// The item's K stored neighbours and their similarities.
    public func similarItems(to item: Int, count: Int, where isCandidate: (Int) -> Bool) -> [ScoredItem]? {
        var top = TopK(capacity: count)
        let k = neighborsPerItem
        for slot in 0..<k where neighborItems[item * k + slot] >= 0 {
            let other = Int(neighborItems[item * k + slot])
            if other != item && isCandidate(other) { top.insert(item: other, score: neighborWeights[item * k + slot]) }
        }
        return top.sorted()
    }
}
