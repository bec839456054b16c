import RealModule
import Reco
import RecoTestSupport
import Synchronization
import Testing

struct ContentBasedRecommenderTests {
    let features = Fixtures.notebookFeatures

    @Test func notebookPredictionIsFourZeroOne() {
        let alice = ContentBasedRecommender(weights: DenseMatrix([[5, 0, 0]]), itemFeatures: features)
        let predicted = alice.predictAll().row(0)
        #expect(predicted == [4, 0, 1])
        #expect(alice.predict(user: 0, item: 0) == 4)
    }

    @Test func lossAndGradientMatchHandComputedValues() {
        // θ = [1, 2, 3]: Xθ = [0.8+0.2+0.3, 2, 0.2+0.4+1.8] = [1.3, 2, 2.4]; y = [4, 1, 2];
        // errors = [-2.7, 1, 0.4]; mean(e²) = (7.29 + 1 + 0.16) / 3 = 2.816666…
        // gradient = Xᵀe / 3 = [(0.8·-2.7 + 0 + 0.2·0.4), (0.1·-2.7 + 1 + 0.2·0.4), (0.1·-2.7 + 0 + 0.6·0.4)] / 3
        //          = [-2.08, 0.81, -0.03] / 3
        let theta = [1.0, 2.0, 3.0]
        let y = [4.0, 1.0, 2.0]
        let loss = ContentBasedRecommender.meanSquaredError(weights: theta, features: features, targets: y)
        #expect(loss.isApproximatelyEqual(to: 8.45 / 3, absoluteTolerance: 1e-6))
        let gradient = ContentBasedRecommender.gradient(weights: theta, features: features, targets: y)
        for (value, expected) in zip(gradient, [-2.08 / 3, 0.81 / 3, -0.03 / 3]) {
            #expect(value.isApproximatelyEqual(to: expected, absoluteTolerance: 1e-6))
        }
    }

    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func gradientMatchesCentralFiniteDifferences(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        let rows = 6
        let width = 4
        let x = DenseMatrix.randomNormal(rows: rows, columns: width, using: &generator)
        let y = (0..<rows).map { _ in generator.nextNormal() * 2 }
        let theta = (0..<width).map { _ in generator.nextNormal() }
        let lambda = 0.7
        let analytic = ContentBasedRecommender.gradient(weights: theta, features: x, targets: y, regularization: lambda)
        let h = 1e-5
        for c in 0..<width {
            var plus = theta
            var minus = theta
            plus[c] += h
            minus[c] -= h
            let numeric =
                (ContentBasedRecommender.objective(weights: plus, features: x, targets: y, regularization: lambda)
                    - ContentBasedRecommender.objective(weights: minus, features: x, targets: y, regularization: lambda))
                / (2 * h)
            #expect(
                numeric.isApproximatelyEqual(to: analytic[c], absoluteTolerance: 1e-11, relativeTolerance: 2e-3),
                "component \(c): numeric \(numeric), analytic \(analytic[c])")
        }
    }

    @Test func unratedEntryNeverChangesTheFit() throws {
        // Bob's NaN for movie B: whatever B's features are, Bob's θ must not move.
        let y = DenseRatings([[4, 1, 2], [5, .nan, 1]])
        var changed = features
        changed[1, 0] = 9
        changed[1, 2] = -3
        let configuration = ContentBasedRecommender.Configuration(solver: .ridge, regularization: 0.5, intercept: false)
        let original = try ContentBasedRecommender.fit(
            y.ratingMatrix, itemFeatures: features, configuration: configuration)
        let altered = try ContentBasedRecommender.fit(
            y.ratingMatrix, itemFeatures: changed, configuration: configuration)
        #expect(original.weights.row(1) == altered.weights.row(1))
        #expect(original.weights.row(0) != altered.weights.row(0))
    }

    @Test func notebookGradientDescentLossFallsEveryTenSteps() throws {
        var losses: [Double] = []
        let recorder = LossRecorder()
        _ = try ContentBasedRecommender.fit(
            DenseRatings([[4, 1, 2]]).ratingMatrix, itemFeatures: features, configuration: .notebook,
            observer: recorder.observer)
        losses = recorder.losses
        #expect(losses.count == 10)
        #expect(zip(losses, losses.dropFirst()).allSatisfy { $0 > $1 })
    }

    @Test(arguments: [false, true])
    func ridgeSolutionMatchesConvergedGradientDescent(intercept: Bool) throws {
        var generator = SeededGenerator(seed: 11)
        let items = 12
        let x = DenseMatrix.randomNormal(rows: items, columns: 3, standardDeviation: 0.7, using: &generator)
        var list = RatingList()
        for user in 0..<3 {
            for item in 0..<items where generator.nextUnit() < 0.8 {
                list.append(user: Int32(user), item: Int32(item), value: Float(1 + generator.nextUnit() * 4))
            }
        }
        let ratings = RatingMatrix(
            userIDs: IDMap(["a", "b", "c"]), itemIDs: IDMap((0..<items).map(String.init)), ratings: list)
        let ridge = try ContentBasedRecommender.fit(
            ratings, itemFeatures: x, configuration: .init(solver: .ridge, regularization: 0.3, intercept: intercept))
        let descent = try ContentBasedRecommender.fit(
            ratings, itemFeatures: x,
            configuration: .init(
                solver: .gradientDescent, regularization: 0.3, intercept: intercept, learningRate: 0.5, steps: 20_000))
        #expect(ridge.weights.storage.isApproximatelyEqual(to: descent.weights.storage, absoluteTolerance: 1e-3))
        #expect(ridge.intercepts.isApproximatelyEqual(to: descent.intercepts, absoluteTolerance: 1e-3))
    }

    @Test func recommendsUnratedItemsAndFindsSimilarItems() throws {
        let alice = ContentBasedRecommender(weights: DenseMatrix([[5, 0, 0]]), itemFeatures: features)
        let top = alice.recommend(user: 0, count: 2, excluding: [0])
        #expect(top.map(\.item) == [2, 1])
        // Movie C (romance 0.2, sci-fi 0.6) is closer to A than the pure action film B.
        let similar = try alice.similarItems(to: 0, count: 2)
        #expect(similar.map(\.item) == [2, 1])
        #expect(
            similar[0].score.isApproximatelyEqual(
                to: (0.36 + 0.01 + 0.25 as Float).squareRoot(), absoluteTolerance: 1e-6))
    }

    @Test func mismatchedFeaturesAreAnError() {
        let y = DenseRatings([[4, 1, 2]])
        #expect(throws: ModelError.self) {
            try ContentBasedRecommender.fit(y.ratingMatrix, itemFeatures: DenseMatrix(rows: 2, columns: 3))
        }
    }
}

/// Collects reported losses (observers are `@Sendable`).
final class LossRecorder: Sendable {
    private let recorded = Mutex<[Double]>([])
    var losses: [Double] { recorded.withLock { $0 } }
    var observer: TrainingObserver { { [self] progress in self.recorded.withLock { $0.append(progress.loss) } } }
}

@Suite("Content-based with item biases")
struct ContentBasedItemBiasTests {
    static let sample = SampleCatalog.generate(users: 200, items: 120)

    @Test("with a planted item effect, item biases beat the model without them on held-out ratings")
    func itemBiases() throws {
        // The sample's genre-driven ratings plus a planted quality per film that genres cannot tell.
        var generator = SeededGenerator(seed: 8)
        let quality = (0..<Self.sample.ratings.itemCount).map { _ in Float(generator.nextNormal() * 0.6) }
        let ratings = Self.sample.ratings.mapValues { _, item, value in min(5, max(1, value + quality[item])) }
        let split = Splitter.holdout(ratings, testFraction: 0.2, seed: 5)
        let features = try #require(Self.sample.itemFeatures(alignedTo: split.train))
        let with = try ContentBasedRecommender.fit(split.train, itemFeatures: features.matrix)
        let without = try ContentBasedRecommender.fit(
            split.train, itemFeatures: features.matrix, configuration: .init(itemBias: false))
        let rmseWith = RatingMetrics.evaluate(with, train: split.train, test: split.test).rmse
        let rmseWithout = RatingMetrics.evaluate(without, train: split.train, test: split.test).rmse
        #expect(rmseWith < rmseWithout, "with item biases \(rmseWith), without \(rmseWithout)")
        #expect(without.itemBiases.allSatisfy { $0 == 0 })
        #expect(with.itemBiases.contains { $0 != 0 })
    }

    @Test("an item with no ratings has no bias and is scored from its features")
    func coldItem() throws {
        let split = Splitter.coldItems(Self.sample.ratings, fraction: 0.2, seed: 2)
        let features = try #require(Self.sample.itemFeatures(alignedTo: split.train))
        let model = try ContentBasedRecommender.fit(split.train, itemFeatures: features.matrix)
        let cold = (0..<split.train.itemCount).filter { split.train.ratingCount(ofItem: $0) == 0 }
        #expect(!cold.isEmpty && cold.allSatisfy { model.itemBiases[$0] == 0 })
        let item = cold[0]
        let expected = model.offset + model.intercepts[0] + model.weights.dot(row: 0, features.matrix, row: item)
        #expect(model.predict(user: 0, item: item).isApproximatelyEqual(to: expected, absoluteTolerance: 1e-5))
        #expect(model.coldStart == .items)
    }
}
