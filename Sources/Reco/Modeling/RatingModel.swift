/// What every Reco model does: predict a rating, score all items for a user, and (when it has item
/// vectors) find similar items. Recommending and predicting the full matrix come for free.
///
/// Users and items are dense indices (see `IDMap`); a model trained on a `RatingMatrix` knows the
/// same users and items as that matrix. The models Reco trains by name also adopt
/// `TrainableModel`, which adds training, files and fold-in.
public protocol RatingModel: Sendable {
    /// Number of users the model knows.
    var userCount: Int { get }
    /// Number of items the model knows.
    var itemCount: Int { get }
    /// The predicted rating of `item` by `user`.
    func predict(user: Int, item: Int) -> Float
    /// The predicted rating of `item` by `user` at `timestamp` (seconds since 1970, the unit of
    /// the data's timestamps). Models that do not read time answer `predict(user:item:)`.
    func predict(user: Int, item: Int, at timestamp: Int64) -> Float
    /// Writes the predicted score of every item for `user` into `scores` (`itemCount` values).
    ///
    /// This is the hook a model implements to score its catalogue fast; callers use
    /// `scores(forUser:)`, `recommend(user:count:excluding:)` or `predictAll()`.
    func scoreItems(forUser user: Int, into scores: inout MutableSpan<Float>)
    /// One vector per item for similarity queries, or `nil` when the model has none.
    var itemVectors: DenseMatrix? { get }
    /// One vector per user for similarity queries, or `nil` when the model has none.
    var userVectors: DenseMatrix? { get }
    /// The estimate for a pair the model learned only one side of, or neither: μ plus the bias of
    /// each side it knows (`user` or `item` is `nil` when unknown), as Surprise's models answer.
    /// `nil` when the model has no biases; callers then fall back to the training mean.
    func baselinePrediction(user: Int?, item: Int?) -> Float?
    /// Which users and items with no training ratings `predict` and `scoreItems` answer from
    /// their features (the rest get a fallback when evaluated).
    var coldStart: ColdStartSupport { get }
    /// What the model's lists rank by besides its scores, or `nil` when they follow its scores
    /// (see `InterestRanker` and `listScores(forUser:rankBy:)`).
    var interestRanker: InterestRanker? { get }
}

extension RatingModel {
    /// The rating without regard to time.
    public func predict(user: Int, item: Int, at timestamp: Int64) -> Float { predict(user: user, item: item) }

    /// No biases, so no estimate for a half-known pair.
    public func baselinePrediction(user: Int?, item: Int?) -> Float? { nil }

    /// Models without item vectors need not say so.
    public var itemVectors: DenseMatrix? { nil }

    /// Models without user vectors need not say so.
    public var userVectors: DenseMatrix? { nil }

    /// No features: users and items with no training ratings get fallbacks.
    public var coldStart: ColdStartSupport { [] }

    /// Default scoring: one `predict` per item.
    public func scoreItems(forUser user: Int, into scores: inout MutableSpan<Float>) {
        for item in 0..<itemCount { scores[item] = predict(user: user, item: item) }
    }

    /// The predicted score of every item for `user`.
    ///
    /// - Complexity: O(items · cost of one score).
    public func scores(forUser user: Int) -> [Float] {
        var scores = [Float](repeating: 0, count: itemCount)
        score(user: user, into: &scores)
        return scores
    }

    /// `scoreItems` into an array of `itemCount` values.
    func score(user: Int, into scores: inout [Float]) {
        var span = scores.mutableSpan
        scoreItems(forUser: user, into: &span)
    }

    /// The predicted rating of every item by every user (users × items).
    ///
    /// - Complexity: O(users · items · cost of one score).
    public func predictAll() -> DenseMatrix {
        var result = DenseMatrix(rows: userCount, columns: itemCount)
        var row = [Float](repeating: 0, count: itemCount)
        for user in 0..<userCount {
            score(user: user, into: &row)
            result.setRow(user, to: row)
        }
        return result
    }

    /// The `count` items with the highest list score for `user` (`listScores(forUser:rankBy:)`: the
    /// interest score of a model with a ranker, else the predicted score), leaving out `excluded`.
    ///
    /// - Complexity: O(items · cost of one score + items · log count); never a full sort.
    public func recommend<S: Sequence>(
        user: Int, count: Int, excluding excluded: S, rankBy: RankBy = .interest
    ) -> [ScoredItem]
    where S.Element == Int {
        var scores = listScores(forUser: user, rankBy: rankBy)
        for item in excluded where item >= 0 && item < itemCount { scores[item] = .nan }
        var top = TopK(capacity: count)
        for item in 0..<itemCount { top.insert(item: item, score: scores[item]) }
        return top.sorted()
    }

    /// The `count` best items for `user` among those the user has not rated in `training`.
    public func recommend(
        user: Int, count: Int, excludingRatedIn training: RatingMatrix, rankBy: RankBy = .interest
    ) -> [ScoredItem] {
        let range = user < training.userCount ? training.userRange(user) : 0..<0
        return recommend(
            user: user, count: count, excluding: training.userItems[range].lazy.map { Int($0) }, rankBy: rankBy)
    }

    /// The top `count` items for every user, leaving out what each rated in `training` (nothing
    /// when `training` is `nil`); users are split over the cores.
    ///
    /// - Complexity: O(users · (items · cost of one score + items · log count)).
    public func recommendAll(
        count: Int, excludingRatedIn training: RatingMatrix?, rankBy: RankBy = .interest, threads: Int? = nil
    ) -> [[ScoredItem]] {
        var lists = [[ScoredItem]](repeating: [], count: userCount)
        let items = itemCount
        lists.withUnsafeMutableBufferPointer { output in
            Parallel.forEachChunk(of: userCount, work: userCount * items * 8, threads: threads) { range in
                var scores = [Float](repeating: 0, count: items)
                for user in range {
                    listScore(user: user, into: &scores, rankBy: rankBy)
                    if let training, user < training.userCount {
                        for p in training.userRange(user) { scores[Int(training.userItems[p])] = .nan }
                    }
                    var top = TopK(capacity: count)
                    for item in 0..<items { top.insert(item: item, score: scores[item]) }
                    output[user] = top.sorted()
                }
            }
        }
        return lists
    }

    /// The `count` items nearest to `item` by its item vector.
    ///
    /// For `.euclidean` each result's score is the distance (ascending); for `.cosine` it is the
    /// similarity (descending). The item itself is left out.
    ///
    /// - Throws: `ModelError.noItemVectors` for a model without item vectors,
    ///   `ModelError.indexOutOfRange` for an item it does not have.
    /// - Complexity: O(items · vector length + items · log count).
    public func similarItems(
        to item: Int, count: Int, metric: SimilarityMetric = .euclidean
    ) throws(ModelError)
        -> [ScoredItem]
    {
        guard let vectors = itemVectors else { throw .noItemVectors(model: String(describing: Self.self)) }
        guard item >= 0 && item < vectors.rows else {
            throw .indexOutOfRange(kind: "item", index: item, count: vectors.rows)
        }
        return vectors.nearestRows(to: item, count: count, metric: metric)
    }

    /// The `count` users nearest to `user` by their user vectors (scores as in `similarItems`).
    ///
    /// - Throws: `ModelError.noItemVectors` for a model without user vectors,
    ///   `ModelError.indexOutOfRange` for a user it does not have.
    public func similarUsers(
        to user: Int, count: Int, metric: SimilarityMetric = .cosine
    ) throws(ModelError) -> [ScoredItem] {
        guard let vectors = userVectors else { throw .noItemVectors(model: String(describing: Self.self)) }
        guard user >= 0 && user < vectors.rows else {
            throw .indexOutOfRange(kind: "user", index: user, count: vectors.rows)
        }
        return vectors.nearestRows(to: user, count: count, metric: metric)
    }
}

/// μ + b_u + b_i with an unknown side's bias left out (the models that learn biases).
func biasedBaseline(mean: Float, userBiases: [Float], itemBiases: [Float], user: Int?, item: Int?) -> Float {
    var value = mean
    if let user, userBiases.indices.contains(user) { value += userBiases[user] }
    if let item, itemBiases.indices.contains(item) { value += itemBiases[item] }
    return value
}
