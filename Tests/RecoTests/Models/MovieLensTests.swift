import Reco
import Testing

/// The acceptance check on real data: an 80/20 split (seed 42) of MovieLens 100k.
@Suite(.enabled(if: Fixtures.movieLensEnabled, "MovieLens 100k not found at \(Fixtures.movieLensPath)"))
struct MovieLensTests {
    @Test func contentBasedAndCollaborativeFilteringBeatTheGlobalMean() throws {
        let dataset = try DatasetLoader().load(Fixtures.movieLensPath)
        #expect(dataset.ratings.count == 100_000)
        let split = Splitter.holdout(dataset.ratings, testFraction: 0.2, seed: 42)
        let features = try #require(dataset.itemFeatures(alignedTo: split.train))
        let mean = RatingMetrics.evaluate(GlobalMean(split.train), train: split.train, test: split.test)
        let content = try ContentBasedRecommender.fit(split.train, itemFeatures: features)
        let contentMetrics = RatingMetrics.evaluate(content, train: split.train, test: split.test)
        let factorization = try MatrixFactorization.fit(split.train)
        let factorizationMetrics = RatingMetrics.evaluate(factorization, train: split.train, test: split.test)
        print("MovieLens 100k 80/20 (seed 42) test RMSE: global mean \(mean.rmse), content-based \(contentMetrics.rmse), collaborative filtering \(factorizationMetrics.rmse)")
        #expect(contentMetrics.rmse < mean.rmse)
        #expect(factorizationMetrics.rmse < mean.rmse)
        #expect(factorizationMetrics.rmse < contentMetrics.rmse)
    }

    @Test(arguments: [ModelKind.biasedMF, .als, .svdPlusPlus, .itemKNN])
    func engineModelsBeatTheBaseline(kind: ModelKind) throws {
        let dataset = try DatasetLoader().load(Fixtures.movieLensPath)
        let split = Splitter.holdout(dataset.ratings, testFraction: 0.2, seed: 42)
        let baseline = RatingMetrics.evaluate(try BaselinePredictor.fit(split.train), train: split.train, test: split.test)
        let parameters = kind == .als ? ModelParameters(["factors": "20"]) : ModelParameters()
        let model = try kind.fit(split.train, parameters: parameters)
        let metrics = RatingMetrics.evaluate(model, train: split.train, test: split.test)
        print("MovieLens 100k 80/20 (seed 42) test RMSE: baseline \(baseline.rmse), \(kind.rawValue) \(metrics.rmse)")
        #expect(metrics.rmse < baseline.rmse)
    }

    @Test(arguments: [ModelKind.implicitALS, .implicitKNN])
    func topNModelsBeatPopularityOnAPerUserSplit(kind: ModelKind) throws {
        let dataset = try DatasetLoader().load(Fixtures.movieLensPath)
        let split = Splitter.perUser(dataset.ratings, testFraction: 0.2, seed: 42)
        let evaluator = Evaluator(metrics: [.ndcg(10)])
        let popularity = evaluator.score(Popularity(split.train), on: split).values[0]
        let model = evaluator.score(try kind.fit(split.train), on: split).values[0]
        print("MovieLens 100k per-user 20% (seed 42) NDCG@10: popularity \(popularity), \(kind.rawValue) \(model)")
        #expect(model > popularity + 0.05)
    }
}
