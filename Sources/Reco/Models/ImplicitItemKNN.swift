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
        case cosine, tfidf, bm25
    }

    /// Hyperparameters.
    public struct Configuration: Sendable, Equatable {
        public var similarity: Similarity
        /// K, neighbours kept per item.
        public var neighbors: Int
        /// BM25's K1 and B.
        public var k1: Float
        public var b: Float
        public var threads: Int?

        /// Creates a configuration.
        public init(similarity: Similarity = .cosine, neighbors: Int = 20, k1: Float = 100, b: Float = 0.8, threads: Int? = nil) {
            self.similarity = similarity
            self.neighbors = neighbors
            self.k1 = k1
            self.b = b
            self.threads = threads
        }
    }

    /// Neighbours of each item (items × K, −1 where fewer than K).
    public var neighborItems: [Int32]
    /// Their similarities, parallel to `neighborItems`.
    public var neighborWeights: [Float]
    /// K.
    public var neighborsPerItem: Int
    /// Each user's interacted items (CSR).
    public var userOffsets: [Int]
    public var userItems: [Int32]

    public var userCount: Int { userOffsets.count - 1 }
    public var itemCount: Int { neighborItems.count / max(neighborsPerItem, 1) }
    public var itemVectors: DenseMatrix? { nil }

    /// Fits the neighbourhoods on the interactions of `ratings`.
    public static func fit(_ ratings: RatingMatrix, configuration: Configuration = Configuration()) throws(ModelError) -> ImplicitItemKNN {
        guard configuration.neighbors >= 1 else {
            throw .invalidParameter(name: "neighbors", value: "\(configuration.neighbors)", expected: "at least 1")
        }
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
                let length = 1 - configuration.b + configuration.b * Float(ratings.ratingCount(ofItem: item)) / averageLength
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
        for user in 0..<ratings.userCount { work += ratings.ratingCount(ofUser: user) * ratings.ratingCount(ofUser: user) }
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
                            let similarity = configuration.similarity == .cosine ? accumulator[j] / max(norms[i] * norms[j], 1e-12) : accumulator[j]
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
            userOffsets: ratings.userOffsets, userItems: ratings.userItems)
    }

    public func predict(user: Int, item: Int) -> Float {
        var scores = [Float](repeating: 0, count: itemCount)
        scores.withUnsafeMutableBufferPointer { scoreItems(forUser: user, into: $0) }
        return scores[item]
    }

    public func scoreItems(forUser user: Int, into scores: UnsafeMutableBufferPointer<Float>) {
        score(items: userItems[userOffsets[user]..<userOffsets[user + 1]].map(Int.init), into: scores)
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
