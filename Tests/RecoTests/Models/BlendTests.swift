import RealModule
import Reco
import RecoTestSupport
import Testing

@Suite("Blend")
struct BlendTests {
    /// Planted rank-3 ratings on a 1…5 scale with noise, split 80/20.
    static let split: TrainTestSplit = {
        var generator = SeededGenerator(seed: 3)
        let planted = Fixtures.plantedLowRank(users: 150, items: 100, rank: 3, density: 0.3, seed: 8)
        var list = planted.ratingList
        for index in 0..<list.count {
            list.values[index] = min(
                5, max(1, (3 + 0.6 * list.values[index] + 0.3 * Float(generator.nextNormal())).rounded()))
        }
        let ratings = RatingMatrix(userIDs: planted.userIDs, itemIDs: planted.itemIDs, ratings: list)
        return Splitter.holdout(ratings, testFraction: 0.2, seed: 4)
    }()

    @Test("the blend predicts held-out ratings at least as well as its best component")
    func beatsItsComponents() throws {
        let parameters = ModelParameters([
            "models": "biased-mf,item-knn", "biased-mf.factors": "8", "biased-mf.epochs": "40",
        ])
        let blend = try ModelKind.blend.fit(Self.split.train, parameters: parameters)
        let blendRMSE = RatingMetrics.evaluate(blend, train: Self.split.train, test: Self.split.test).rmse
        let mf = try ModelKind.biasedMF.fit(
            Self.split.train, parameters: ModelParameters(["factors": "8", "epochs": "40"]))
        let knn = try ModelKind.itemKNN.fit(Self.split.train)
        let best = min(
            RatingMetrics.evaluate(mf, train: Self.split.train, test: Self.split.test).rmse,
            RatingMetrics.evaluate(knn, train: Self.split.train, test: Self.split.test).rmse)
        #expect(blendRMSE <= best + 0.005, "blend \(blendRMSE), best component \(best)")
        let weights = try #require((blend as? Blend)?.weights)
        #expect(weights.count == 3)
        #expect(weights.dropFirst().allSatisfy { $0.isFinite })
    }

    @Test("the components get their own parameters; a wrong one is named")
    func parameters() throws {
        let blend = try #require(
            try ModelKind.blend.fit(
                Self.split.train,
                parameters: ModelParameters(["models": "svd,als", "svd.factors": "3", "als.factors": "4"])) as? Blend)
        #expect(blend.components.map(\.kind) == [.biasedMF, .als])
        #expect(blend.components[0].model.itemVectors?.columns == 3)
        #expect(blend.components[1].model.itemVectors?.columns == 4)
        #expect(throws: ModelError.self) {
            try ModelKind.blend.fit(
                Self.split.train, parameters: ModelParameters(["models": "als", "svd++.factors": "3"]))
        }
        #expect(throws: ModelError.self) {
            try ModelKind.blend.fit(Self.split.train, parameters: ModelParameters(["models": "als", "als.bogus": "3"]))
        }
        #expect(throws: ModelError.self) {
            try ModelKind.blend.fit(Self.split.train, parameters: ModelParameters(["models": "als,ease"]))
        }
        #expect(throws: ModelError.self) {
            try ModelKind.blend.fit(Self.split.train, parameters: ModelParameters(["models": "als,als"]))
        }
    }

    @Test("the preset 'best' is a blend with its tuned parameters")
    func preset() throws {
        let best = try ModelPreset.named("best")
        #expect(best.kind == .blend)
        #expect(best.parameters["svd++.factors"] == "200")
        #expect(throws: ModelError.self) { try ModelPreset.named("nope") }
    }

    @Test(
        "a half-known pair gets the blend of the components' baselines, a component without one standing in with their mean"
    )
    func baselineOfHalfKnownPairs() throws {
        let first = BaselinePredictor(mean: 3, userBiases: [1], itemBiases: [0.5])
        let second = BaselinePredictor(mean: 4, userBiases: [-1], itemBiases: [0])
        let factors = DenseMatrix(rows: 1, columns: 1)
        let noBiases = AlternatingLeastSquares(offset: 3.5, userFactors: factors, itemFactors: factors)
        let blend = Blend(
            components: [
                Blend.Component(model: first), Blend.Component(model: second), Blend.Component(model: noBiases),
            ],
            weights: [0.1, 0.5, 0.3, 0.2], scale: 1...5)
        // Unknown item: 3 + 1 = 4 and 4 − 1 = 3; als stands in with their mean 3.5.
        let estimate = try #require(blend.baselinePrediction(user: 0, item: nil))
        let expected: Float = 0.1 + 0.5 * 4 + 0.3 * 3 + 0.2 * 3.5
        #expect(estimate.isApproximatelyEqual(to: expected, absoluteTolerance: 1e-5))
        let alone = Blend(components: [Blend.Component(model: noBiases)], weights: [0, 1], scale: 1...5)
        #expect(alone.baselinePrediction(user: 0, item: nil) == nil)
    }
}
