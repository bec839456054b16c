import RealModule
import Reco
import RecoTestSupport
import Testing

@Suite("Hybrid")
struct HybridFactorizationTests {
    /// Ratings driven by genres (the sample catalogue: r = 3.3 + b_u + θ_u · x_i + ε), split so that a
    /// fifth of the items are new: every rating of theirs is in the test set.
    static let sample = SampleCatalog.generate(users: 300, items: 200)
    static let coldSplit = Splitter.coldItems(sample.ratings, fraction: 0.2, seed: 3)

    /// The defaults without a ranker: these tests are of the stars and the features (a ranker's
    /// ALS fit would double each fit's time in a debug build; lists by interest are tested in
    /// `InterestRankerTests`).
    static let unranked = HybridFactorization.Configuration(interest: .init(method: .none))

    static func data(_ split: TrainTestSplit) -> TrainingData {
        SideFeatures(sample).trainingData(for: split.train)
    }

    @Test(
        "new items known only by their genres are predicted from them (the planted taste), far better than by the baseline"
    )
    func coldItems() throws {
        let evaluator = Evaluator(metrics: [.rmse])
        let hybrid = try HybridFactorization.fit(Self.data(Self.coldSplit), configuration: Self.unranked)
        let baseline = try BaselinePredictor.fit(Self.coldSplit.train)
        let cold = try #require(evaluator.score(hybrid, on: Self.coldSplit).slices.first { $0.slice == .coldItems })
        let fallback = try #require(
            evaluator.score(baseline, on: Self.coldSplit).slices.first { $0.slice == .coldItems })
        #expect(cold.ratingsBy == "model (features)" && fallback.ratingsBy == "baseline μ + b_u")
        #expect(
            cold.values[0] < fallback.values[0] - 0.1,
            "cold-item RMSE: hybrid \(cold.values[0]), μ + b_u \(fallback.values[0])")
    }

    @Test(
        "a trained item's score is its own embedding plus its features'; a new item with the same features scores as its features alone"
    )
    func newItemScores() throws {
        let model = try HybridFactorization.fit(Self.data(Self.coldSplit), configuration: Self.unranked)
        let train = Self.coldSplit.train
        let item = (0..<train.itemCount).first { train.ratingCount(ofItem: $0) == 0 }!
        let features = Self.data(Self.coldSplit).itemFeatures!.matrix
        // A cold item of the split has no own embedding: as a new item with its features, it scores the same.
        let asNew = try #require(model.scores(ofNewItems: DenseMatrix([features.row(item)]), for: .trained(0)))
        #expect(asNew[0].isApproximatelyEqual(to: model.predict(user: 0, item: item), absoluteTolerance: 1e-4))
        #expect(model.coldStart == .items)
    }

    @Test(
        "the same seed and thread count give the same model, another seed another",
        arguments: [HybridFactorization.Loss.squared, .bpr, .warp], [1, 2])
    func deterministic(loss: HybridFactorization.Loss, threads: Int) throws {
        var configuration = HybridFactorization.Configuration(
            loss: loss, factors: 8, epochs: 3, threads: threads, interest: .init(method: .none))
        let a = try HybridFactorization.fit(Self.data(Self.coldSplit), configuration: configuration)
        let b = try HybridFactorization.fit(Self.data(Self.coldSplit), configuration: configuration)
        #expect(a.predictAll() == b.predictAll())
        configuration.seed = 43
        let c = try HybridFactorization.fit(Self.data(Self.coldSplit), configuration: configuration)
        #expect(a.predictAll() != c.predictAll())
    }

    @Test("two threads, merging their rounds, learn as well as one: overall and cold-item RMSE within 0.01")
    func twoThreadsLearnAsOne() throws {
        let evaluator = Evaluator(metrics: [.rmse])
        var figures: [[Double]] = []
        for threads in [1, 2] {
            let model = try HybridFactorization.fit(
                Self.data(Self.coldSplit), configuration: .init(threads: threads, interest: .init(method: .none)))
            let result = evaluator.score(model, on: Self.coldSplit)
            let cold = try #require(result.slices.first { $0.slice == .coldItems })
            figures.append([result.values[0], cold.values[0]])
        }
        for (one, two) in zip(figures[0], figures[1]) {
            #expect(abs(one - two) < 0.01, "RMSE (all, cold items): one thread \(figures[0]), two \(figures[1])")
        }
    }

    @Test("the training loss falls epoch after epoch (squared loss)")
    func lossFalls() throws {
        let losses = LossRecorder()
        _ = try HybridFactorization.fit(
            Self.data(Self.coldSplit), configuration: .init(factors: 8, epochs: 8, interest: .init(method: .none)),
            observer: losses.observer)
        #expect(losses.losses.count == 8)
        #expect(zip(losses.losses, losses.losses.dropFirst()).allSatisfy { $1 < $0 }, "\(losses.losses)")
    }

    @Test("without features it is biased matrix factorization: it learns the ratings")
    func withoutFeatures() throws {
        let split = Splitter.holdout(Self.sample.ratings, testFraction: 0.2, seed: 1)
        let hybrid = try HybridFactorization.fit(TrainingData(ratings: split.train), configuration: Self.unranked)
        let baseline = try BaselinePredictor.fit(split.train)
        let rmse = RatingMetrics.evaluate(hybrid, train: split.train, test: split.test).rmse
        #expect(rmse < RatingMetrics.evaluate(baseline, train: split.train, test: split.test).rmse)
        #expect(hybrid.coldStart.isEmpty && hybrid.itemFeatureNames.isEmpty)
    }

    @Test("a new user known by features gets their group's taste; with no features nor ratings, nothing")
    func newUsers() throws {
        // Two groups of users with opposite tastes for genre 0.
        let ratings = Self.sample.ratings
        let groups = FeatureTable(
            tokens: ratings.userIDs.ids.enumerated().map { user, id in
                let range = ratings.userRange(user)
                let genre0 = range.filter { Self.sample.itemFeatures!.matrix[Int(ratings.userItems[$0]), 0] == 1 }
                let mean = genre0.map { Double(ratings.userRatings[$0]) }.reduce(0, +) / Double(max(genre0.count, 1))
                return (id, [mean >= 3.3 ? "group=likes" : "group=dislikes"])
            })
        let data = TrainingData(
            ratings: ratings, itemFeatures: Self.sample.itemFeatures, userFeatures: groups.aligned(to: ratings.userIDs))
        let model = try HybridFactorization.fit(data, configuration: Self.unranked)
        #expect(model.coldStart == [.items, .users])
        let likes = try #require(
            model.scores(for: UserQuery(features: model.userFeatureNames.map { $0 == "group=likes" ? 1 : 0 })))
        let dislikes = try #require(
            model.scores(for: UserQuery(features: model.userFeatureNames.map { $0 == "group=dislikes" ? 1 : 0 })))
        let genre0 = (0..<ratings.itemCount).filter { Self.sample.itemFeatures!.matrix[$0, 0] == 1 }
        let advantage = genre0.map { Double(likes[$0] - dislikes[$0]) }.reduce(0, +) / Double(genre0.count)
        #expect(Set(model.userFeatureNames) == ["group=dislikes", "group=likes"])
        #expect(advantage > 0.2, "genre 0 scores \(advantage) higher for the group that likes it")
        #expect(model.scores(for: UserQuery()) == nil)
        // A new user's explanation names their features and adds up to their score, with and
        // without ratings, for squared loss and for a ranking loss.
        let warp = try HybridFactorization.fit(data, configuration: .init(loss: .warp, epochs: 3))
        let features = model.userFeatureNames.map { $0 == "group=likes" ? Float(1) : 0 }
        for (name, trained) in [("squared", model), ("warp", warp)] {
            for user in [
                ExplainedUser.new(features: features, items: [], ratings: []),
                ExplainedUser.new(features: features, items: [0, 3, 7], ratings: [5, 2, 4]),
            ] {
                let scores = try #require(trained.scores(for: user.query))
                let explained = try #require(trained.explain(items: Array(0..<ratings.itemCount), for: user))
                for explanation in explained {
                    #expect(explanation.score == scores[explanation.item])
                    ExplanationTests.expectAddsUp(explanation, "\(name), \(user.items.count) ratings")
                    #expect(explanation.terms.contains { $0.kind == .userFeature && $0.feature == "group=likes" })
                }
            }
        }
    }
}
