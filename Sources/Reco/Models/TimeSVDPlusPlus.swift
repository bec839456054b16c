/// Koren's timeSVD++: SVD++ whose biases and user factors move with time (Koren, KDD 2009,
/// "Collaborative filtering with temporal dynamics").
///
/// Predicts, for user u, item i on day t,
/// ```
/// r̂(u, i, t) = μ + b_u + α_u dev_u(t) + b_{u,t} + (b_i + b_{i,Bin(t)}) (c_u + c_{u,t})
///              + q_i · (p_u + α_u^p dev_u(t) + p_{u,t} + |N(u)|^-½ Σ_{j ∈ N(u)} y_j)
/// ```
/// with dev_u(t) = sign(t − t_u)|t − t_u|^β, t_u the mean day of u's ratings, days counted since
/// 1970 (UTC) from the timestamps, and `bins` equal bins over the training span (see
/// `RatingTimeline`). b_{u,t}, c_{u,t} and p_{u,t} exist for the days u rated on in training;
/// **a day the model never saw for that user has them at 0**, so on a later day only the drift
/// α_u dev_u(t), the bin and the lasting terms remain. Days before or after the training span
/// fall in its first or last bin.
///
/// Without a time (`predict(user:item:)`, lists, the service) the prediction is made at the
/// present: the last training day. Training is SGD as in `SVDPlusPlus`, with the y_j moved after
/// every rating exactly, three learning rates (factors and lasting biases; the drifts α; the
/// day and bin terms), c_u regularized toward 1 and every other term toward 0.
///
/// - Complexity: O(epochs · ratings · factors) to fit; O(factors + log days) per prediction.
public struct TimeSVDPlusPlus: RatingModel {
    /// Hyperparameters: SVD++'s, plus the time terms'.
    public struct Configuration: Sendable, Equatable {
        /// k, the length of p_u, q_i, y_j, α_u^p and p_{u,t}.
        public var factors: Int
        /// Passes over the ratings.
        public var epochs: Int
        /// η, the step of b_u, b_i, p_u, q_i and y_j.
        public var learningRate: Float
        /// λ, the penalty on b_u, b_i, p_u, q_i and y_j.
        public var regularization: Float
        /// The step of the drifts α_u and α_u^p.
        public var driftLearningRate: Float
        /// The penalty on the drifts.
        public var driftRegularization: Float
        /// The step of b_{u,t}, c_u, c_{u,t} and b_{i,Bin(t)}.
        public var timeLearningRate: Float
        /// The penalty on those (c_u's toward 1).
        public var timeRegularization: Float
        /// The step of the day factors p_{u,t} (0: none are learned).
        public var dayFactorLearningRate: Float
        /// The penalty on the day factors.
        public var dayFactorRegularization: Float
        /// Bins of the training span for b_{i,Bin(t)}.
        public var bins: Int
        /// β in dev_u(t) = sign(t − t_u)|t − t_u|^β.
        public var driftExponent: Float
        /// Standard deviation of the N(0, σ²) start of p, q and y.
        public var initialStandardDeviation: Float
        /// Seed of the start and of the order users are visited in.
        public var seed: UInt64
        /// What lists rank by besides the predicted stars.
        public var interest: InterestRanker.Configuration

        /// Creates a configuration.
        public init(
            factors: Int = 20, epochs: Int = 20, learningRate: Float = 0.007, regularization: Float = 0.02,
            driftLearningRate: Float = 0.00001, driftRegularization: Float = 1, timeLearningRate: Float = 0.001,
            timeRegularization: Float = 0.02, dayFactorLearningRate: Float = 0,
            dayFactorRegularization: Float = 0.02, bins: Int = 30, driftExponent: Float = 0.4,
            initialStandardDeviation: Float = 0.1, seed: UInt64 = 42,
            interest: InterestRanker.Configuration = InterestRanker.Configuration()
        ) {
            self.factors = factors
            self.epochs = epochs
            self.learningRate = learningRate
            self.regularization = regularization
            self.driftLearningRate = driftLearningRate
            self.driftRegularization = driftRegularization
            self.timeLearningRate = timeLearningRate
            self.timeRegularization = timeRegularization
            self.dayFactorLearningRate = dayFactorLearningRate
            self.dayFactorRegularization = dayFactorRegularization
            self.bins = bins
            self.driftExponent = driftExponent
            self.initialStandardDeviation = initialStandardDeviation
            self.seed = seed
            self.interest = interest
        }
    }

    /// Every learned array, by the name it is archived under.
    public struct Parameters: Sendable, Equatable {
        /// μ.
        public var mean: Float
        /// b_u, α_u and c_u per user.
        public var userBiases, userDrifts, userScales: [Float]
        /// b_i per item.
        public var itemBiases: [Float]
        /// b_{i,bin} (items × bins).
        public var itemBinBiases: DenseMatrix
        /// p_u, α_u^p (users × k); q_i, y_j (items × k).
        public var userFactors, userFactorDrifts, itemFactors, implicitFactors: DenseMatrix
        /// b_{u,t} and c_{u,t} per (user, day) slot of the timeline.
        public var dayBiases, dayScales: [Float]
        /// p_{u,t} (slots × k).
        public var dayFactors: DenseMatrix

        /// Parameters from their parts.
        public init(
            mean: Float, userBiases: [Float], userDrifts: [Float], userScales: [Float], itemBiases: [Float],
            itemBinBiases: DenseMatrix, userFactors: DenseMatrix, userFactorDrifts: DenseMatrix,
            itemFactors: DenseMatrix, implicitFactors: DenseMatrix, dayBiases: [Float], dayScales: [Float],
            dayFactors: DenseMatrix
        ) {
            self.mean = mean
            self.userBiases = userBiases
            self.userDrifts = userDrifts
            self.userScales = userScales
            self.itemBiases = itemBiases
            self.itemBinBiases = itemBinBiases
            self.userFactors = userFactors
            self.userFactorDrifts = userFactorDrifts
            self.itemFactors = itemFactors
            self.implicitFactors = implicitFactors
            self.dayBiases = dayBiases
            self.dayScales = dayScales
            self.dayFactors = dayFactors
        }
    }

    /// The hyperparameters it was trained with.
    public let configuration: Configuration
    /// The learned terms.
    public let parameters: Parameters
    /// The training ratings' days.
    public let timeline: RatingTimeline
    /// p_u + |N(u)|^-½ Σ y_j per user, computed once after training.
    public let effectiveUserFactors: DenseMatrix
    /// What its lists rank by besides the predicted stars (`nil`: the stars alone).
    public let interestRanker: InterestRanker?
    /// The model at the present, as an SVD++: b_u + α_u dev_u + b_{u,t}, b_i + b_{i,last bin}, and
    /// p_u(t) + z_u on the last training day (what lists, fold-in and explanations use).
    let present: SVDPlusPlus
    /// c_u + c_{u,t} on the last training day.
    let presentScales: [Float]

    /// A model from known parameters.
    ///
    /// - Precondition: arrays sized for the users, items, bins and slots of `timeline`.
    public init(
        parameters: Parameters, timeline: RatingTimeline, effectiveUserFactors: DenseMatrix,
        interestRanker: InterestRanker? = nil, configuration: Configuration = Configuration()
    ) {
        let users = parameters.userFactors.rows, items = parameters.itemFactors.rows, k = parameters.itemFactors.columns
        precondition(
            [
                parameters.userBiases.count, parameters.userDrifts.count, parameters.userScales.count,
                timeline.userMeanDays.count, effectiveUserFactors.rows, parameters.userFactorDrifts.rows,
            ].allSatisfy {
                $0 == users
            } && parameters.itemBiases.count == items && parameters.implicitFactors.rows == items
                && parameters.itemBinBiases.rows == items && parameters.itemBinBiases.columns == timeline.bins
                && [parameters.dayBiases.count, parameters.dayScales.count, parameters.dayFactors.rows].allSatisfy {
                    $0 == timeline.slotCount
                },
            "timeSVD++ arrays do not match their users, items, bins and days")
        precondition(
            Set([
                parameters.userFactors.columns, parameters.userFactorDrifts.columns, parameters.implicitFactors.columns,
                parameters.dayFactors.columns, effectiveUserFactors.columns, k,
            ]).count == 1,
            "timeSVD++ factor matrices differ in width")
        self.configuration = configuration
        self.parameters = parameters
        self.timeline = timeline
        self.effectiveUserFactors = effectiveUserFactors
        self.interestRanker = interestRanker
        let now = timeline.lastDay
        let lastBin = timeline.bin(of: now)
        var userBiases = parameters.userBiases
        var scales = parameters.userScales
        var vectors = effectiveUserFactors
        for user in 0..<users {
            let dev = timeline.deviation(user: user, day: now)
            userBiases[user] += parameters.userDrifts[user] * dev
            vectors.addScaled(dev, row: user, of: parameters.userFactorDrifts, to: user)
            if let slot = timeline.slot(user: user, day: now) {
                userBiases[user] += parameters.dayBiases[slot]
                scales[user] += parameters.dayScales[slot]
                vectors.addScaled(1, row: slot, of: parameters.dayFactors, to: user)
            }
        }
        let itemBiases = (0..<items).map { parameters.itemBiases[$0] + parameters.itemBinBiases[$0, lastBin] }
        present = SVDPlusPlus(
            mean: parameters.mean, userBiases: userBiases, itemBiases: itemBiases, userFactors: parameters.userFactors,
            itemFactors: parameters.itemFactors, implicitFactors: parameters.implicitFactors,
            effectiveUserFactors: vectors)
        presentScales = scales
    }

    public var userCount: Int { parameters.userFactors.rows }
    public var itemCount: Int { parameters.itemFactors.rows }
    public var itemVectors: DenseMatrix? { parameters.itemFactors }
    public var userVectors: DenseMatrix? { present.effectiveUserFactors }

    public func baselinePrediction(user: Int?, item: Int?) -> Float? {
        present.baselinePrediction(user: user, item: item)
    }

    /// At the present (the last training day).
    public func predict(user: Int, item: Int) -> Float {
        present.predict(user: user, item: item) + (presentScales[user] - 1) * present.itemBiases[item]
    }

    /// On the day of `timestamp` (seconds since 1970).
    public func predict(user: Int, item: Int, at timestamp: Int64) -> Float {
        let day = RatingTimeline.day(of: timestamp)
        let dev = timeline.deviation(user: user, day: day)
        let slot = timeline.slot(user: user, day: day)
        let terms = parameters
        var userPart = terms.mean + terms.userBiases[user] + terms.userDrifts[user] * dev
        var scale = terms.userScales[user]
        var factorPart =
            effectiveUserFactors.dot(row: user, terms.itemFactors, row: item)
            + dev * terms.userFactorDrifts.dot(row: user, terms.itemFactors, row: item)
        if let slot {
            userPart += terms.dayBiases[slot]
            scale += terms.dayScales[slot]
            factorPart += terms.dayFactors.dot(row: slot, terms.itemFactors, row: item)
        }
        let itemBias = terms.itemBiases[item] + terms.itemBinBiases[item, timeline.bin(of: day)]
        return userPart + itemBias * scale + factorPart
    }

    public func scoreItems(forUser user: Int, into scores: inout MutableSpan<Float>) {
        present.scoreItems(forUser: user, into: &scores)
        let extra = presentScales[user] - 1
        guard extra != 0 else { return }
        for item in 0..<itemCount { scores[item] += extra * present.itemBiases[item] }
    }

    /// Trains on `ratings`, which must have timestamps; the observer gets each epoch's mean
    /// squared training error.
    ///
    /// - Throws: `ModelError.invalidParameter` for a value out of its domain, `.missingInput`
    ///   naming the model when the ratings have no timestamps.
    public static func fit(
        _ ratings: RatingMatrix, configuration: Configuration = Configuration(), observer: TrainingObserver? = nil
    ) throws(ModelError) -> TimeSVDPlusPlus {
        try hyperparameters.validate(configuration)
        let trainer = try Trainer(ratings, configuration: configuration)
        let order = Splitter.shuffledPositions(ratings.userCount, seed: configuration.seed &+ 3)
        for epoch in 0..<configuration.epochs {
            let squaredError = trainer.epoch(order: order)
            observer?(
                TrainingProgress(
                    step: epoch, totalSteps: configuration.epochs, loss: squaredError / Double(max(ratings.count, 1))))
        }
        let users = ratings.userCount, items = ratings.itemCount
        let parameters = Parameters(
            mean: trainer.mu, userBiases: Array(trainer.bu), userDrifts: Array(trainer.alpha),
            userScales: Array(trainer.scale), itemBiases: Array(trainer.bi),
            itemBinBiases: DenseMatrix(rows: items, columns: configuration.bins, storage: Array(trainer.binBias)),
            userFactors: trainer.matrix(trainer.p, rows: users),
            userFactorDrifts: trainer.matrix(trainer.alphaP, rows: users),
            itemFactors: trainer.matrix(trainer.q, rows: items),
            implicitFactors: trainer.matrix(trainer.y, rows: items),
            dayBiases: Array(trainer.dayBias), dayScales: Array(trainer.dayScale),
            dayFactors: trainer.matrix(trainer.dayFactors, rows: trainer.timeline.slotCount))
        return TimeSVDPlusPlus(
            parameters: parameters, timeline: trainer.timeline,
            effectiveUserFactors: SVDPlusPlus.effectiveFactors(
                parameters.userFactors, implicit: parameters.implicitFactors, ratings: ratings),
            interestRanker: try InterestRanker.train(
                ratings, configuration: configuration.interest, seed: configuration.seed, threads: nil),
            configuration: configuration)
    }
}

extension TimeSVDPlusPlus: TrainableModel {
    public static let descriptor = ModelDescriptor(
        name: "timesvd++", aliases: ["timesvdpp", "time-svd++"],
        summary: "Koren's timeSVD++: SVD++ with biases and user factors that drift over time (needs timestamps)")
    public static let hyperparameters = Hyperparameters(
        defaults: Configuration(),
        [
            .integer("factors", \.factors, minimum: 1, help: "k, the length of every factor vector"),
            .integer("epochs", \.epochs, help: "passes over the ratings"),
            .real("learning-rate", \.learningRate, .positive, help: "η, the step of b_u, b_i, p_u, q_i and y_j"),
            .real("regularization", \.regularization, .nonNegative, help: "λ, the penalty on those"),
            .real("drift-learning-rate", \.driftLearningRate, .positive, help: "the step of the drifts α_u and α_u^p"),
            .real("drift-regularization", \.driftRegularization, .nonNegative, help: "the penalty on the drifts"),
            .real(
                "time-learning-rate", \.timeLearningRate, .positive,
                help: "the step of b_{u,t}, c_u, c_{u,t} and b_{i,bin}"),
            .real(
                "time-regularization", \.timeRegularization, .nonNegative,
                help: "the penalty on those (c_u toward 1)"),
            .real(
                "day-factor-learning-rate", \.dayFactorLearningRate, .nonNegative,
                help: "the step of the day factors p_{u,t} (0: none)"),
            .real("day-factor-regularization", \.dayFactorRegularization, .nonNegative, help: "the penalty on p_{u,t}"),
            .integer("bins", \.bins, minimum: 1, help: "bins of the training span for the item biases"),
            .real("drift-exponent", \.driftExponent, .closed(0, 1), help: "β in dev_u(t) = sign(t − t_u)|t − t_u|^β"),
            .real(
                "init-std", \.initialStandardDeviation, .closed(0, 100),
                help: "standard deviation of the N(0, σ²) start"),
            .seed(\.seed, help: "seed of the start and of the user order"),
        ] + InterestRanker.hyperparameters())

    public static func train(
        _ data: TrainingData, configuration: Configuration, observer: TrainingObserver?
    ) throws(ModelError) -> Self {
        try fit(data.ratings, configuration: configuration, observer: observer)
    }

    public func archive(into archive: inout ModelArchive) {
        let terms = parameters
        archive.floats["mean"] = [terms.mean]
        archive.floats["user-biases"] = terms.userBiases
        archive.floats["user-drifts"] = terms.userDrifts
        archive.floats["user-scales"] = terms.userScales
        archive.floats["item-biases"] = terms.itemBiases
        archive.set(terms.itemBinBiases, as: "item-bin-biases")
        archive.set(terms.userFactors, as: "user-factors")
        archive.set(terms.userFactorDrifts, as: "user-factor-drifts")
        archive.set(terms.itemFactors, as: "item-factors")
        archive.set(terms.implicitFactors, as: "implicit-factors")
        archive.floats["day-biases"] = terms.dayBiases
        archive.floats["day-scales"] = terms.dayScales
        archive.set(terms.dayFactors, as: "day-factors")
        archive.set(effectiveUserFactors, as: "user-vectors")
        archive.longs["timeline-span"] = [timeline.firstDay, timeline.lastDay]
        archive.floats["timeline-user-mean-days"] = timeline.userMeanDays
        archive.longs["timeline-user-day-offsets"] = timeline.userDayOffsets.map(Int64.init)
        archive.integers["timeline-user-days"] = timeline.userDays
        interestRanker?.archive(into: &archive)
    }

    public init(from reader: ArchiveReader, configuration: Configuration) throws(ModelFileError) {
        let (p, q) = try reader.factors()
        let k = q.columns
        let span = try reader.longs("timeline-span", count: 2)
        let offsets = try reader.longs("timeline-user-day-offsets", count: p.rows + 1).map { Int($0) }
        let days = try reader.integers("timeline-user-days")
        guard span[0] <= span[1], offsets.first == 0, offsets.last == days.count,
            zip(offsets, offsets.dropFirst()).allSatisfy({ $0 <= $1 })
        else { throw reader.malformed("its timeline's day ranges do not fit its days") }
        let timeline = RatingTimeline(
            firstDay: span[0], lastDay: span[1], bins: configuration.bins, exponent: configuration.driftExponent,
            userMeanDays: try reader.perUser("timeline-user-mean-days"), userDayOffsets: offsets, userDays: days)
        let slots = timeline.slotCount
        let parameters = Parameters(
            mean: try reader.scalar("mean"), userBiases: try reader.perUser("user-biases"),
            userDrifts: try reader.perUser("user-drifts"), userScales: try reader.perUser("user-scales"),
            itemBiases: try reader.perItem("item-biases"),
            itemBinBiases: try reader.matrix("item-bin-biases", rows: q.rows, columns: configuration.bins),
            userFactors: p, userFactorDrifts: try reader.matrix("user-factor-drifts", rows: p.rows, columns: k),
            itemFactors: q, implicitFactors: try reader.matrix("implicit-factors", rows: q.rows, columns: k),
            dayBiases: try reader.floats("day-biases", count: slots),
            dayScales: try reader.floats("day-scales", count: slots),
            dayFactors: try reader.matrix("day-factors", rows: slots, columns: k))
        let vectors = try reader.matrix("user-vectors", rows: p.rows, columns: k)
        let ranker = try InterestRanker.unarchive(reader)
        var configuration = configuration
        configuration.interest = configuration.interest.matching(ranker)
        self.init(
            parameters: parameters, timeline: timeline, effectiveUserFactors: vectors, interestRanker: ranker,
            configuration: configuration)
    }

    /// As SVD++ at the present: z from the given items, p_u by ridge regression on the fixed q_i,
    /// item biases b_i + b_{i,last bin}, c = 1 and no day terms (a new user has no days).
    public func foldIn(items: [Int], ratings: [Float]) -> [Float] {
        present.foldIn(items: items, ratings: ratings)
    }

    /// SVD++'s explanation at the present, with a trained user's item-bias term scaled by
    /// c_u + c_{u,t}.
    public func explain(items: [Int], for user: ExplainedUser) -> [Explanation]? {
        guard let explained = present.explain(items: items, for: user) else { return nil }
        guard let index = user.user else { return explained }
        let userScores = scores(forUser: index)
        return explained.map { explanation in
            let terms = explanation.terms.map { term in
                guard term.kind == .itemBias else { return term }
                var scaled = term
                scaled.contribution *= presentScales[index]
                return scaled
            }
            return Explanation(item: explanation.item, score: userScores[explanation.item], terms: terms)
        }
    }
}

extension TimeSVDPlusPlus.Configuration: RankedConfiguration {}
