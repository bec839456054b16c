import RealModule
import Reco
import RecoTestSupport
import Testing

/// A model that predicts one constant, for checking clipping.
struct ConstantModel: RatingModel {
    let value: Float
    let userCount: Int
    let itemCount: Int
    var itemVectors: DenseMatrix? { nil }
    func predict(user: Int, item: Int) -> Float { value }
}

struct EvaluatorTests {
    /// Train: u0–i0 5, u1–i0 3, u1–i1 4. Test: u1–i2 5, u0–i1 4, u0–i3 2. Items are indexed
    /// i0, i1 (train) then i2, i3 (test), so popularity is i0 = 2, i1 = 1, i2 = i3 = 0.
    func smallSplit() -> TrainTestSplit {
        let users = IDMap(["u0", "u1"])
        let items = IDMap(["i0", "i1", "i2", "i3"])
        let train = RatingList(users: [0, 1, 1], items: [0, 0, 1], values: [5, 3, 4])
        let test = RatingList(users: [1, 0, 0], items: [2, 1, 3], values: [5, 4, 2])
        return TrainTestSplit(train: train, test: test, userIDs: users, itemIDs: items, name: "small")
    }

    @Test func ratingMetricsByHandWithFallback() {
        let split = smallSplit()
        // Mean 4; errors 4−5, 4−4, 4−2 → RMSE √(5/3), MAE 1; i2 and i3 are cold → fallback.
        let result = Evaluator(metrics: [.rmse, .mae]).score(GlobalMean(split.train), on: split)
        #expect(result.values[0].isApproximatelyEqual(to: (5.0 / 3).squareRoot()))
        #expect(result.values[1] == 1)
        #expect(result.fallbackPredictions == 2)
        #expect(result.coldItems == 2)
    }

    @Test func predictionsAreClippedToTheTrainingScale() {
        let split = smallSplit()
        // Only u0–i1 (rating 4) is warm: 10 clips to 5 (error 1), −3 clips to 3 (error 1); cold ones get the mean 4.
        let high = RatingMetrics.evaluate(
            ConstantModel(value: 10, userCount: 2, itemCount: 4), train: split.train, test: split.test)
        let low = RatingMetrics.evaluate(
            ConstantModel(value: -3, userCount: 2, itemCount: 4), train: split.train, test: split.test)
        #expect(high.rmse.isApproximatelyEqual(to: ((1 + 1 + 4) / 3.0).squareRoot()))
        #expect(low.rmse.isApproximatelyEqual(to: ((1 + 1 + 4) / 3.0).squareRoot()))
    }

    @Test func coldPairsGetTheBaselineOfTheKnownSide() {
        let split = smallSplit()
        // μ 4, b_u0 0.5, b_u1 −1; b_i1 −0.3. Cold items i2 and i3 have biases here that must not be
        // used: u1–i2 → 4 − 1 = 3 (error −2), u0–i1 → 4 + 0.5 − 0.3 = 4.2 (0.2), u0–i3 → 4.5 (2.5).
        let model = BaselinePredictor(mean: 4, userBiases: [0.5, -1], itemBiases: [0.2, -0.3, 0.7, 0.9])
        let result = RatingMetrics.evaluate(model, train: split.train, test: split.test)
        #expect(result.rmse.isApproximatelyEqual(to: ((4 + 0.04 + 6.25) / 3.0).squareRoot(), relativeTolerance: 1e-6))
        #expect(result.fallbackCount == 2)
        // A model without biases falls back to the training mean: 4 for both cold pairs.
        let constant = RatingMetrics.evaluate(
            ConstantModel(value: 4.2, userCount: 2, itemCount: 4), train: split.train, test: split.test)
        #expect(constant.rmse.isApproximatelyEqual(to: ((1 + 0.04 + 4) / 3.0).squareRoot(), relativeTolerance: 1e-6))
    }

    @Test func popularityRankingByHandWithTiesByIndex() {
        let split = smallSplit()
        let evaluator = Evaluator(metrics: [.precision(2), .recall(2), .coverage(2), .novelty(2), .hitRate(2)])
        let result = evaluator.score(Popularity(split.train), on: split)
        // u0: candidates i1 (1), i2 (0), i3 (0) → [i1, i2]; relevant {i1, i3}: P = 1/2, R = 1/2.
        // u1: candidates i2, i3 (tie, by index) → [i2, i3]; relevant {i2}: P = 1/2, R = 1.
        #expect(result.values[0] == 0.5)
        #expect(result.values[1] == 0.75)
        #expect(result.values[2] == 0.75)  // {i1, i2, i3} of 4 items
        #expect(result.values[3] == 1)  // every recommended item has ≤ 1 rater of 2 users: −log₂(1/2)
        #expect(result.values[4] == 1)
        #expect(result.rankedUsers == 2)
    }

    @Test func relevanceThresholdDropsLowRatings() {
        let split = smallSplit()
        // With T = 4, u0's relevant set is {i1} only: R = 1 for both users.
        let result = Evaluator(metrics: [.recall(2)], relevanceThreshold: 4).score(Popularity(split.train), on: split)
        #expect(result.values[0] == 1)
        // With T = 5 u0 has no relevant item and is left out of the average.
        let strict = Evaluator(metrics: [.recall(2)], relevanceThreshold: 5).score(Popularity(split.train), on: split)
        #expect(strict.rankedUsers == 1)
    }

    @Test func crossValidationIsReproducible() throws {
        let ratings = Fixtures.plantedLowRank(users: 40, items: 30, rank: 2, density: 0.5, seed: 8)
        let evaluator = Evaluator(metrics: [.rmse, .ndcg(5)])
        let a = try evaluator.crossValidate(
            .baseline, parameters: ModelParameters(), splits: Splitter.kFold(ratings, folds: 3, seed: 1))
        let b = try evaluator.crossValidate(
            .baseline, parameters: ModelParameters(), splits: Splitter.kFold(ratings, folds: 3, seed: 1))
        #expect(a.folds.map(\.values) == b.folds.map(\.values))
        let c = try evaluator.crossValidate(
            .baseline, parameters: ModelParameters(), splits: Splitter.kFold(ratings, folds: 3, seed: 2))
        #expect(a.folds.map(\.values) != c.folds.map(\.values))
        #expect(a.mean(0).isApproximatelyEqual(to: a.folds.map { $0.values[0] }.reduce(0, +) / 3))
    }

    @Test func unknownParametersAreErrorsThatListTheValidOnes() {
        let error = #expect(throws: ModelError.self) {
            try ModelKind.baseline.validate(ModelParameters(["factors": "10"]))
        }
        #expect(error?.description.contains("regularization-item") == true)
        #expect(throws: ModelError.self) {
            try ModelKind.matrixFactorization.validate(ModelParameters(["factors": "-1"]))
        }
        let unknown = #expect(throws: ModelError.self) { try ModelRegistry.standard.kind(named: "svd-ultra") }
        #expect(unknown?.description.contains("'svd++'") == true)
    }
}
