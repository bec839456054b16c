/// Scores models on splits with a fixed list of metrics, the same way for every model.
///
/// Rating metrics (`rmse`, `mae`) follow `RatingMetrics`; top-N metrics follow `RankingMetrics`,
/// ranking all items the user did not rate in training. Users or items with no training rating get
/// the fallback: for ratings the model's baseline (μ plus the known side's bias) or, without biases,
/// the training mean; for lists the popularity ranking.
public struct Evaluator: Sendable {
    /// The metrics to compute.
    public var metrics: [Metric]
    /// When set, only held-out ratings ≥ this value count as relevant for top-N metrics.
    public var relevanceThreshold: Float?

    /// Creates an evaluator.
    public init(metrics: [Metric], relevanceThreshold: Float? = nil) {
        self.metrics = metrics
        self.relevanceThreshold = relevanceThreshold
    }

    /// The scores of one model on one split.
    public struct FoldResult: Sendable {
        /// The split's name.
        public var name: String
        /// Metric values, in the evaluator's metric order.
        public var values: [Double]
        /// Seconds spent fitting.
        public var fitSeconds: Double
        /// Seconds spent predicting and scoring.
        public var predictSeconds: Double
        /// Training ratings.
        public var trainCount: Int
        /// Test ratings.
        public var testCount: Int
        /// Test users with no training rating.
        public var coldUsers: Int
        /// Test items with no training rating.
        public var coldItems: Int
        /// Test ratings predicted by the global-mean fallback (rating metrics).
        public var fallbackPredictions: Int
        /// Users scored by the top-N metrics (those with at least one relevant item).
        public var rankedUsers: Int
    }

    /// The cross-validated scores of one model: per fold, mean and standard deviation.
    public struct Report: Sendable {
        /// The model's name.
        public var model: String
        /// Its hyperparameters.
        public var parameters: ModelParameters
        /// The metrics, in column order.
        public var metrics: [Metric]
        /// One result per fold.
        public var folds: [FoldResult]

        /// Creates a report.
        public init(model: String, parameters: ModelParameters, metrics: [Metric], folds: [FoldResult]) {
            self.model = model
            self.parameters = parameters
            self.metrics = metrics
            self.folds = folds
        }

        /// Mean over folds of metric `index`.
        public func mean(_ index: Int) -> Double { Self.mean(folds.map { $0.values[index] }) }
        /// Population standard deviation over folds of metric `index` (as Surprise reports).
        public func standardDeviation(_ index: Int) -> Double { Self.standardDeviation(folds.map { $0.values[index] }) }

        /// The mean of `values` (NaN when empty).
        public static func mean(_ values: [Double]) -> Double {
            values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count)
        }
        /// The population standard deviation of `values` (NaN when empty).
        public static func standardDeviation(_ values: [Double]) -> Double {
            let m = mean(values)
            return values.isEmpty
                ? .nan : (values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(values.count)).squareRoot()
        }
        /// Mean fit seconds.
        public var meanFitSeconds: Double { Self.mean(folds.map(\.fitSeconds)) }
        /// Mean predict seconds.
        public var meanPredictSeconds: Double { Self.mean(folds.map(\.predictSeconds)) }
        /// Standard deviation of fit seconds.
        public var fitSecondsDeviation: Double { Self.standardDeviation(folds.map(\.fitSeconds)) }
        /// Standard deviation of predict seconds.
        public var predictSecondsDeviation: Double { Self.standardDeviation(folds.map(\.predictSeconds)) }
    }

    /// Trains `kind` on every split and scores it.
    ///
    /// - Parameter itemFeatures: the item features aligned to a split's training items (for models
    ///   that read them).
    /// - Throws: `ModelError` from the model's parameters or training.
    public func crossValidate(
        _ kind: ModelKind, parameters: ModelParameters, splits: [TrainTestSplit],
        itemFeatures: (TrainTestSplit) -> ItemFeatures? = { _ in nil }, observer: TrainingObserver? = nil
    ) throws(ModelError) -> Report {
        var folds: [FoldResult] = []
        for split in splits {
            let start = ContinuousClock.now
            let data = TrainingData(ratings: split.train, itemFeatures: itemFeatures(split))
            let model = try kind.fit(data, parameters: parameters, observer: observer)
            let fitSeconds = Self.seconds(since: start)
            var result = score(model, on: split)
            result.fitSeconds = fitSeconds
            folds.append(result)
        }
        return Report(model: kind.name, parameters: parameters, metrics: metrics, folds: folds)
    }

    /// Scores a trained model on `split` (fit time 0).
    public func score(_ model: some RatingModel, on split: TrainTestSplit) -> FoldResult {
        let start = ContinuousClock.now
        var values = [Double](repeating: .nan, count: metrics.count)
        var fallbacks = 0
        if metrics.contains(where: \.isRatingMetric) {
            let rating = RatingMetrics.evaluate(model, train: split.train, test: split.test)
            fallbacks = rating.fallbackCount
            for (index, metric) in metrics.enumerated() {
                if metric == .rmse { values[index] = rating.rmse }
                if metric == .mae { values[index] = rating.mae }
            }
        }
        var rankedUsers = 0
        if metrics.contains(where: { !$0.isRatingMetric }) {
            let ranking = rankingScores(model, on: split)
            rankedUsers = ranking.users
            for (index, metric) in metrics.enumerated() where !metric.isRatingMetric {
                values[index] = ranking.values[metric] ?? .nan
            }
        }
        return FoldResult(
            name: split.name, values: values, fitSeconds: 0, predictSeconds: Self.seconds(since: start),
            trainCount: split.train.count, testCount: split.test.count, coldUsers: split.coldUsers,
            coldItems: split.coldItems, fallbackPredictions: fallbacks, rankedUsers: rankedUsers)
    }

    private func rankingScores(
        _ model: some RatingModel, on split: TrainTestSplit
    ) -> (values: [Metric: Double], users: Int) {
        let train = split.train
        let test = split.test
        let rankingMetrics = metrics.filter { !$0.isRatingMetric }
        let perUserMetrics = rankingMetrics.filter { metric in
            if case .coverage = metric { return false }
            if case .novelty = metric { return false }
            return true
        }
        let depth = rankingMetrics.compactMap(\.cutoff).max() ?? 0
        let popularity = Popularity(train)
        let users = test.userCount
        let itemCount = test.itemCount
        let threshold = relevanceThreshold
        // Per-user results land in their own slots, so the sums below are in user order whatever the threads do.
        var userValues = [Double](repeating: .nan, count: users * perUserMetrics.count)
        var userLists = [[Int]](repeating: [], count: users)
        var evaluated = [Bool](repeating: false, count: users)
        userValues.withUnsafeMutableBufferPointer { valueBuffer in
            userLists.withUnsafeMutableBufferPointer { listBuffer in
                evaluated.withUnsafeMutableBufferPointer { evaluatedBuffer in
                    Parallel.forEachChunk(of: users, work: users * itemCount * 4) { range in
                        var scores = [Float](repeating: 0, count: itemCount)
                        for user in range {
                            let relevant = Set(
                                test.userRange(user).filter { threshold == nil || test.userRatings[$0] >= threshold! }
                                    .map { Int(test.userItems[$0]) })
                            guard !relevant.isEmpty else { continue }
                            if train.ratingCount(ofUser: user) == 0 {
                                popularity.score(user: user, into: &scores)
                            } else {
                                model.score(user: user, into: &scores)
                            }
                            for p in train.userRange(user) { scores[Int(train.userItems[p])] = .nan }
                            var top = TopK(capacity: depth)
                            for item in 0..<itemCount { top.insert(item: item, score: scores[item]) }
                            let ranked = top.sorted().map(\.item)
                            listBuffer[user] = ranked
                            evaluatedBuffer[user] = true
                            for (index, metric) in perUserMetrics.enumerated() {
                                if metric == .auc {
                                    let candidates = (0..<itemCount).filter { !scores[$0].isNaN }
                                        .sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }
                                    valueBuffer[user * perUserMetrics.count + index] = RankingMetrics.auc(
                                        rankedCandidates: candidates, relevant: relevant)
                                } else {
                                    valueBuffer[user * perUserMetrics.count + index] = RankingMetrics.userMetric(
                                        metric, ranked: ranked, relevant: relevant)
                                }
                            }
                        }
                    }
                }
            }
        }
        var result: [Metric: Double] = [:]
        let evaluatedUsers = (0..<users).filter { evaluated[$0] }
        for (index, metric) in perUserMetrics.enumerated() {
            let values = evaluatedUsers.map { userValues[$0 * perUserMetrics.count + index] }.filter { !$0.isNaN }
            result[metric] = values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count)
        }
        for metric in rankingMetrics {
            switch metric {
            case .coverage(let k):
                var recommended = Set<Int>()
                for user in evaluatedUsers { recommended.formUnion(userLists[user].prefix(k)) }
                result[metric] = itemCount == 0 ? .nan : Double(recommended.count) / Double(itemCount)
            case .novelty(let k):
                let userTotal = Double(max(train.userCount, 1))
                var sum = 0.0
                var count = 0
                for user in evaluatedUsers {
                    for item in userLists[user].prefix(k) {
                        sum += -_log2(Double(max(train.ratingCount(ofItem: item), 1)) / userTotal)
                        count += 1
                    }
                }
                result[metric] = count == 0 ? .nan : sum / Double(count)
            default: break
            }
        }
        return (result, evaluatedUsers.count)
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }
}
