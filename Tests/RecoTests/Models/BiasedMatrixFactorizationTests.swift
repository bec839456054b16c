import RealModule
import RecoTestSupport
import Testing

@testable import Reco

struct BiasedMatrixFactorizationTests {
    @Test func recoversAPlantedLowRankMatrix() throws {
        let ratings = Fixtures.plantedLowRank(users: 120, items: 80, rank: 3, density: 0.5, seed: 21)
        let split = Splitter.holdout(ratings, testFraction: 0.2, seed: 1)
        let model = try BiasedMatrixFactorization.fit(
            split.train,
            configuration: .init(
                factors: 3, epochs: 300, learningRate: 0.01, regularization: 0.001, initialStandardDeviation: 0.1))
        let heldOut = RatingMetrics.evaluate(model, train: split.train, test: split.test)
        let baseline = RatingMetrics.evaluate(
            try BaselinePredictor.fit(split.train), train: split.train, test: split.test)
        #expect(heldOut.rmse < 0.1, "held-out RMSE \(heldOut.rmse)")
        #expect(heldOut.rmse < baseline.rmse / 10)
    }

    @Test(arguments: [1, 2])
    func sameSeedAndThreadCountIsBitForBitReproducible(threads: Int) throws {
        // Large enough (≥ 50k ratings) that two threads really split the work into blocks.
        let ratings = Fixtures.plantedLowRank(users: 400, items: 300, rank: 4, density: 0.5, seed: 2)
        // Without a ranker (its ALS has tests of its own, and in a debug build it would take most of the time).
        let configuration = BiasedMatrixFactorization.Configuration(
            factors: 8, epochs: 3, seed: 9, threads: threads, interest: .init(method: .none))
        let a = try BiasedMatrixFactorization.fit(ratings, configuration: configuration)
        let b = try BiasedMatrixFactorization.fit(ratings, configuration: configuration)
        #expect(a.userFactors == b.userFactors && a.itemFactors == b.itemFactors)
        #expect(a.userBiases == b.userBiases && a.itemBiases == b.itemBiases)
        var other = configuration
        other.seed = 10
        #expect(try BiasedMatrixFactorization.fit(ratings, configuration: other).itemFactors != a.itemFactors)
    }

    @Test func invalidSettingsAreErrors() {
        let ratings = Fixtures.plantedLowRank(users: 5, items: 5, rank: 1, density: 0.5, seed: 1)
        #expect(throws: ModelError.self) {
            try BiasedMatrixFactorization.fit(ratings, configuration: .init(factors: 0))
        }
        #expect(throws: ModelError.self) {
            try BiasedMatrixFactorization.fit(ratings, configuration: .init(learningRate: 0))
        }
    }
}

struct AlternatingLeastSquaresTests {
    @Test func halfStepsNeverIncreaseTheLoss() throws {
        let ratings = Fixtures.plantedLowRank(users: 60, items: 50, rank: 3, density: 0.4, seed: 5)
        var model = try AlternatingLeastSquares.fit(
            ratings, configuration: .init(factors: 4, iterations: 0, regularization: 0.05))
        model.solveUsers(ratings)
        var previous = model.loss(on: ratings)
        for _ in 0..<8 {
            model.solveItems(ratings)
            let afterItems = model.loss(on: ratings)
            #expect(afterItems <= previous * (1 + 1e-5), "item half-step raised the loss: \(previous) → \(afterItems)")
            model.solveUsers(ratings)
            let afterUsers = model.loss(on: ratings)
            #expect(
                afterUsers <= afterItems * (1 + 1e-5), "user half-step raised the loss: \(afterItems) → \(afterUsers)")
            previous = afterUsers
        }
    }

    @Test func userHalfStepIsTheExactRidgeSolution() throws {
        // One user, k = 2: p = (QᵀQ + λ n I)⁻¹ Qᵀ r, checked against the Double Cholesky solver.
        let ratings = RatingMatrix(
            userIDs: IDMap(["u"]), itemIDs: IDMap(["a", "b", "c"]),
            ratings: RatingList(users: [0, 0, 0], items: [0, 1, 2], values: [4, 2, 5]))
        var model = AlternatingLeastSquares(
            offset: 0, userFactors: DenseMatrix(rows: 1, columns: 2),
            itemFactors: DenseMatrix([[1, 0.5], [0, 1], [2, -1]]),
            configuration: .init(factors: 2, regularization: 0.1))
        model.solveUsers(ratings)
        let q: [[Double]] = [[1, 0.5], [0, 1], [2, -1]]
        let r: [Double] = [4, 2, 5]
        var gram = [Double](repeating: 0, count: 4)
        var rhs = [Double](repeating: 0, count: 2)
        for (row, value) in zip(q, r) {
            for a in 0..<2 {
                rhs[a] += row[a] * value
                for b in 0..<2 { gram[a * 2 + b] += row[a] * row[b] }
            }
        }
        gram[0] += 0.3
        gram[3] += 0.3
        let expected = try #require(Cholesky.solve(gram, rhs))
        #expect(model.userFactors.row(0).map(Double.init).isApproximatelyEqual(to: expected, absoluteTolerance: 1e-4))
    }

    @Test func recoversAPlantedLowRankMatrix() throws {
        let ratings = Fixtures.plantedLowRank(users: 120, items: 80, rank: 3, density: 0.5, seed: 22)
        let split = Splitter.holdout(ratings, testFraction: 0.2, seed: 1)
        let model = try AlternatingLeastSquares.fit(
            split.train, configuration: .init(factors: 3, iterations: 30, regularization: 0.001))
        let heldOut = RatingMetrics.evaluate(model, train: split.train, test: split.test)
        #expect(heldOut.rmse < 0.1, "held-out RMSE \(heldOut.rmse)")
    }
}
