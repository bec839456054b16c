import Reco
import RecoTestSupport
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
        let content = try ContentBasedRecommender.fit(
            split.train, itemFeatures: features.matrix, featureNames: features.names)
        let contentMetrics = RatingMetrics.evaluate(content, train: split.train, test: split.test)
        let factorization = try MatrixFactorization.fit(split.train)
        let factorizationMetrics = RatingMetrics.evaluate(factorization, train: split.train, test: split.test)
        print(
            "MovieLens 100k 80/20 (seed 42) test RMSE: global mean \(mean.rmse), content-based \(contentMetrics.rmse), collaborative filtering \(factorizationMetrics.rmse)"
        )
        #expect(contentMetrics.rmse < mean.rmse)
        #expect(factorizationMetrics.rmse < mean.rmse)
        #expect(factorizationMetrics.rmse < contentMetrics.rmse)
    }

    @Test func fiveFoldsWithSeed42AreSurprisesFolds() throws {
        // Printed by Surprise 1.1.5: KFold(n_splits=5, random_state=42) over ml-100k.inter.
        let dataset = try DatasetLoader().load(Fixtures.movieLensPath)
        let folds = Splitter.kFold(dataset.ratings, folds: 5, seed: 42)
        #expect(folds.map(\.test.count) == [20_000, 20_000, 20_000, 20_000, 20_000])
        #expect(folds.map { $0.test.userRatings.reduce(0, +) } == [70485, 70698, 70548, 70820, 70435])
        let first = folds[0].test
        for (user, item) in [("877", "381"), ("815", "602")] {
            let u = try #require(first.userIDs.index(of: user)), i = try #require(first.itemIDs.index(of: item))
            #expect(first.rating(user: u, item: i) != nil)
        }
    }

    @Test(arguments: [ModelKind.biasedMF, .als, .svdPlusPlus, .itemKNN])
    func engineModelsBeatTheBaseline(kind: ModelKind) throws {
        let dataset = try DatasetLoader().load(Fixtures.movieLensPath)
        let split = Splitter.holdout(dataset.ratings, testFraction: 0.2, seed: 42)
        let baseline = RatingMetrics.evaluate(
            try BaselinePredictor.fit(split.train), train: split.train, test: split.test)
        // Stars only: the ranker (lists) does not change a prediction.
        let parameters =
            kind == .als
            ? ModelParameters(["factors": "20"])
            : kind.hasParameter("ranker") ? ModelParameters(["ranker": "none"]) : ModelParameters()
        let model = try kind.fit(split.train, parameters: parameters)
        let metrics = RatingMetrics.evaluate(model, train: split.train, test: split.test)
        print("MovieLens 100k 80/20 (seed 42) test RMSE: baseline \(baseline.rmse), \(kind.name) \(metrics.rmse)")
        #expect(metrics.rmse < baseline.rmse)
    }

    @Test(arguments: [ModelKind.implicitALS, .implicitKNN])
    func topNModelsBeatPopularityOnAPerUserSplit(kind: ModelKind) throws {
        let dataset = try DatasetLoader().load(Fixtures.movieLensPath)
        let split = Splitter.perUser(dataset.ratings, testFraction: 0.2, seed: 42)
        let evaluator = Evaluator(metrics: [.ndcg(10)])
        let popularity = evaluator.score(Popularity(split.train), on: split).values[0]
        let model = evaluator.score(try kind.fit(split.train), on: split).values[0]
        print("MovieLens 100k per-user 20% (seed 42) NDCG@10: popularity \(popularity), \(kind.name) \(model)")
        #expect(model > popularity + 0.05)
    }
}
