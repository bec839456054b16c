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
    /// What top-N metrics rank by: a rating model's interest scores (when it has a ranker, as
    /// `recommend` lists) or its predicted ratings.
    public var rankBy: RankBy
    /// Whether top-N metrics are also computed per cold-start slice (one more ranking pass over the
    /// users for each slice the test set has); rating metrics always are.
    public var ranksSlices = true

    /// Creates an evaluator.
    public init(metrics: [Metric], relevanceThreshold: Float? = nil, rankBy: RankBy = .interest) {
        self.metrics = metrics
        self.relevanceThreshold = relevanceThreshold
        self.rankBy = rankBy
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
        /// The same metrics on each part of the test set with cold users or items, and its warm
        /// part; empty when every test user and item has training ratings.
        public var slices: [SliceResult] = []
    }

    /// The metrics of one part of a test set (see `ColdStartSlice` and docs/metrics.md): rating
    /// metrics over its ratings; top-N metrics with the slice's protocol — warm users rank the warm
    /// items, every user with a held-out cold item ranks the cold items only, cold users rank the
    /// warm items.
    public struct SliceResult: Sendable {
        /// Which part.
        public var slice: ColdStartSlice
        /// Its test ratings.
        public var ratings: Int
        /// Users whose lists were scored.
        public var rankedUsers: Int
        /// Metric values in the evaluator's order (NaN where the slice has nothing to score).
        public var values: [Double]
        /// How its ratings were predicted: by the model (from features for cold sides) or the fallback.
        public var ratingsBy: String
        /// How its lists were ranked.
        public var listsBy: String
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
    /// - Parameters:
    ///   - kind: the model to train.
    ///   - parameters: its hyperparameters.
    ///   - splits: the train/test splits, each trained on and scored in turn.
    ///   - features: item and user features by id, aligned to each split's users and items
    ///     (for models that read them; ids with no training ratings are the split's cold ones).
    ///   - observer: receives every fit's training progress.
    /// - Throws: `ModelError` from the model's parameters or training.
    public func crossValidate(
        _ kind: ModelKind, parameters: ModelParameters, splits: [TrainTestSplit],
        features: SideFeatures = SideFeatures(),
        observer: TrainingObserver? = nil
    ) throws(ModelError) -> Report {
        var folds: [FoldResult] = []
        for split in splits {
            let start = ContinuousClock.now
            let data = features.trainingData(for: split.train)
            let model = try kind.fit(data, parameters: parameters, observer: observer)
            let fitSeconds = Self.seconds(since: start)
            var result = score(model, on: split)
            result.fitSeconds = fitSeconds
            folds.append(result)
        }
        return Report(model: kind.name, parameters: parameters, metrics: metrics, folds: folds)
    }

    /// Scores a trained model on `split` (fit time 0), with its cold-start slices when the test set
    /// has cold users or items.
    public func score(_ model: some RatingModel, on split: TrainTestSplit) -> FoldResult {
        let start = ContinuousClock.now
        let train = split.train
        let test = split.test
        let support = model.coldStart
        var values = [Double](repeating: .nan, count: metrics.count)
        var sliceValues: [ColdStartSlice: [Double]] = [:]
        var sliceRatings: [ColdStartSlice: Int] = [:]
        var sliceUsers: [ColdStartSlice: Int] = [:]
        var fallbacks = 0
        if metrics.contains(where: \.isRatingMetric) {
            let rating = RatingMetrics.evaluate(model, train: train, test: test)
            fallbacks = rating.fallbackCount
            for (index, metric) in metrics.enumerated() {
                if metric == .rmse { values[index] = rating.rmse }
                if metric == .mae { values[index] = rating.mae }
            }
            for (slice, part) in rating.slices {
                sliceRatings[slice] = part.count
                for (index, metric) in metrics.enumerated() {
                    if metric == .rmse {
                        sliceValues[slice, default: Array(repeating: .nan, count: metrics.count)][index] = part.rmse
                    }
                    if metric == .mae {
                        sliceValues[slice, default: Array(repeating: .nan, count: metrics.count)][index] = part.mae
                    }
                }
            }
        }
        let userIsCold = (0..<test.userCount).map { $0 >= train.userCount || train.ratingCount(ofUser: $0) == 0 }
        let itemIsCold = (0..<test.itemCount).map { $0 >= train.itemCount || train.ratingCount(ofItem: $0) == 0 }
        let hasCold = (0..<test.userCount).contains { user in
            test.userRange(user).contains { userIsCold[user] || itemIsCold[Int(test.userItems[$0])] }
        }
        var rankedUsers = 0
        if metrics.contains(where: { !$0.isRatingMetric }) {
            let popularity = Popularity(train)
            // Every user with a held-out item ranks every item they did not rate; a cold user the
            // model cannot score from features gets the popularity ranking.
            let overall = ranking(
                on: split, users: 0..<test.userCount, candidate: { _, _ in true }, relevant: { _ in true }
            ) { user, scores in
                if userIsCold[user] && !support.contains(.users) {
                    popularity.score(user: user, into: &scores)
                } else {
                    model.listScore(user: user, into: &scores, rankBy: rankBy)
                }
            }
            rankedUsers = overall.users
            for (index, metric) in metrics.enumerated() where !metric.isRatingMetric {
                values[index] = overall.values[metric] ?? .nan
            }
            if hasCold && ranksSlices {
                for slice in ColdStartSlice.allCases {
                    let coldUsers = slice == .coldUsers || slice == .bothCold
                    let coldItems = slice == .coldItems || slice == .bothCold
                    let answers = (!coldUsers || support.contains(.users)) && (!coldItems || support.contains(.items))
                    let part = ranking(
                        on: split, users: 0..<test.userCount,
                        // The slice's users rank the slice's items: for cold items, the new arrivals only.
                        candidate: { user, item in userIsCold[user] == coldUsers && itemIsCold[item] == coldItems },
                        relevant: { user in userIsCold[user] == coldUsers }
                    ) { user, scores in
                        if answers {
                            model.listScore(user: user, into: &scores, rankBy: rankBy)
                        } else if coldItems {
                            // Nothing is known of new items: a seeded random order, the same for every
                            // model (item order would follow the split's indexing, which is not random).
                            var generator = SeededGenerator(seed: 0x5EED ^ UInt64(user))
                            for index in scores.indices { scores[index] = Float(generator.nextUnit()) }
                        } else {
                            popularity.score(user: user, into: &scores)
                        }
                    }
                    sliceUsers[slice] = part.users
                    for (index, metric) in metrics.enumerated() where !metric.isRatingMetric {
                        sliceValues[slice, default: Array(repeating: .nan, count: metrics.count)][index] =
                            part.values[metric] ?? .nan
                    }
                }
            }
        }
        var slices: [SliceResult] = []
        // A model without biases has no baseline: its half-known pairs get the training mean.
        let hasBiases = model.baselinePrediction(user: nil, item: nil) != nil
        if hasCold {
            for slice in ColdStartSlice.allCases where (sliceRatings[slice] ?? 0) > 0 || (sliceUsers[slice] ?? 0) > 0 {
                let coldUsers = slice == .coldUsers || slice == .bothCold
                let coldItems = slice == .coldItems || slice == .bothCold
                let answers = (!coldUsers || support.contains(.users)) && (!coldItems || support.contains(.items))
                let byModel = slice == .warm ? "model" : "model (features)"
                slices.append(
                    SliceResult(
                        slice: slice, ratings: sliceRatings[slice] ?? 0, rankedUsers: sliceUsers[slice] ?? 0,
                        values: sliceValues[slice] ?? Array(repeating: .nan, count: metrics.count),
                        ratingsBy: answers
                            ? byModel
                            : !hasBiases
                                ? "training mean μ"
                                : (coldItems && coldUsers
                                    ? "baseline μ" : coldItems ? "baseline μ + b_u" : "baseline μ + b_i"),
                        listsBy: answers ? byModel : (coldItems ? "none (random order)" : "popularity")))
            }
        }
        return FoldResult(
            name: split.name, values: values, fitSeconds: 0, predictSeconds: Self.seconds(since: start),
            trainCount: train.count, testCount: test.count, coldUsers: split.coldUsers, coldItems: split.coldItems,
            fallbackPredictions: fallbacks, rankedUsers: rankedUsers, slices: slices)
    }

    /// The top-N metrics of the users in `users` who have a relevant held-out item among the
    /// candidates: each ranks its candidates (`candidate(user, item)`, never an item it rated in
    /// training) by `scores`.
    private func ranking(
        on split: TrainTestSplit, users: Range<Int>, candidate: @escaping (Int, Int) -> Bool, relevant: (Int) -> Bool,
        scores fill: @escaping (Int, inout [Float]) -> Void
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
        let userCount = test.userCount
        let itemCount = test.itemCount
        let threshold = relevanceThreshold
        let included = (0..<userCount).map { users.contains($0) && relevant($0) }
        // Per-user results land in their own slots, so the sums below are in user order whatever the threads do.
        var userValues = [Double](repeating: .nan, count: userCount * perUserMetrics.count)
        var userLists = [[Int]](repeating: [], count: userCount)
        var evaluated = [Bool](repeating: false, count: userCount)
        userValues.withUnsafeMutableBufferPointer { valueBuffer in
            userLists.withUnsafeMutableBufferPointer { listBuffer in
                evaluated.withUnsafeMutableBufferPointer { evaluatedBuffer in
                    Parallel.forEachChunk(of: userCount, work: userCount * itemCount * 4) { range in
                        var scores = [Float](repeating: 0, count: itemCount)
                        for user in range where included[user] {
                            let relevant = Set(
                                test.userRange(user).filter { threshold == nil || test.userRatings[$0] >= threshold! }
                                    .map { Int(test.userItems[$0]) }.filter { candidate(user, $0) })
                            guard !relevant.isEmpty else { continue }
                            fill(user, &scores)
                            for item in 0..<itemCount where !candidate(user, item) { scores[item] = .nan }
                            if user < train.userCount {
                                for p in train.userRange(user) { scores[Int(train.userItems[p])] = .nan }
                            }
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
        let evaluatedUsers = (0..<userCount).filter { evaluated[$0] }
        for (index, metric) in perUserMetrics.enumerated() {
            let values = evaluatedUsers.map { userValues[$0 * perUserMetrics.count + index] }.filter { !$0.isNaN }
            result[metric] = values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count)
        }
        let candidateItems = Set((0..<itemCount).filter { item in evaluatedUsers.contains { candidate($0, item) } })
        for metric in rankingMetrics {
            switch metric {
            case .coverage(let k):
                var recommended = Set<Int>()
                for user in evaluatedUsers { recommended.formUnion(userLists[user].prefix(k)) }
                result[metric] =
                    candidateItems.isEmpty ? .nan : Double(recommended.count) / Double(candidateItems.count)
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
