import RealModule
import RecoTestSupport
import Testing

@testable import Reco

struct MatrixFactorizationTests {
    /// The notebook's collaborative-filtering matrix.
    let notebookY = DenseRatings([[5, 4, .nan], [.nan, 3, 1], [2, .nan, 4]])

    @Test func lossAndGradientMatchHandComputedValues() {
        // θ = x = I (k = 3): predictions are the identity matrix, rated cells (0,0)=5 (0,1)=4 (1,1)=3
        // (1,2)=1 (2,0)=2 (2,2)=4. Errors: 1−5, 0−4, 1−3, 0−1, 0−2, 1−4 = −4, −4, −2, −1, −2, −3.
        // ½Σe² = ½(16+16+4+1+4+9) = 25; λ/2(‖θ‖²+‖x‖²) = 0.05·6 = 0.3.
        let identity = DenseMatrix([[1, 0, 0], [0, 1, 0], [0, 0, 1]])
        var configuration = MatrixFactorization.Configuration.notebook
        configuration.regularization = 0.1
        let model = MatrixFactorization(userFactors: identity, itemFactors: identity, configuration: configuration)
        let ratings = notebookY.ratingMatrix
        #expect(model.loss(on: ratings).isApproximatelyEqual(to: 25.3, absoluteTolerance: 1e-5))
        // ∂J/∂θ_0 = e00·x_0 + e01·x_1 + λθ_0 = −4·[1,0,0] − 4·[0,1,0] + 0.1·[1,0,0] = [−3.9, −4, 0].
        let (users, items) = model.gradients(on: ratings)
        #expect(
            users.row(0).map(Double.init).elementsEqual([-3.9, -4, 0]) {
                $0.isApproximatelyEqual(to: $1, absoluteTolerance: 1e-6)
            })
        // ∂J/∂x_2 = e12·θ_1 + e22·θ_2 + λx_2 = −1·[0,1,0] − 3·[0,0,1] + 0.1·[0,0,1] = [0, −1, −2.9].
        #expect(
            items.row(2).map(Double.init).elementsEqual([0, -1, -2.9]) {
                $0.isApproximatelyEqual(to: $1, absoluteTolerance: 1e-6)
            })
    }

    @Test(arguments: [3, 4, 5] as [UInt64])
    func gradientMatchesCentralFiniteDifferences(seed: UInt64) {
        let ratings = Fixtures.plantedLowRank(users: 5, items: 6, rank: 2, density: 0.6, seed: seed)
        var configuration = MatrixFactorization.Configuration.notebook
        configuration.seed = seed
        configuration.regularization = 0.3
        let model = MatrixFactorization.initial(users: 5, items: 6, configuration: configuration)
        let (userGradient, itemGradient) = model.gradients(on: ratings)
        let h: Float = 1e-2
        func check(_ analytic: Float, plus: MatrixFactorization, minus: MatrixFactorization) {
            // Central differences of a quadratic-in-each-entry loss are exact up to rounding.
            let numeric = (plus.loss(on: ratings) - minus.loss(on: ratings)) / Double(2 * h)
            #expect(
                numeric.isApproximatelyEqual(to: Double(analytic), absoluteTolerance: 1e-6, relativeTolerance: 2e-3),
                "numeric \(numeric), analytic \(analytic)")
        }
        for index in model.userFactors.storage.indices {
            var plus = model
            var minus = model
            plus.userFactors.storage[index] += h
            minus.userFactors.storage[index] -= h
            check(userGradient.storage[index], plus: plus, minus: minus)
        }
        for index in model.itemFactors.storage.indices {
            var plus = model
            var minus = model
            plus.itemFactors.storage[index] += h
            minus.itemFactors.storage[index] -= h
            check(itemGradient.storage[index], plus: plus, minus: minus)
        }
    }

    @Test func unratedCellsNeverChangeLossOrGradient() {
        // Whatever would sit in the NaN cells, loss and gradient are sums over R only: compare with a
        // brute-force sum over the 9 cells that skips the unrated ones.
        var configuration = MatrixFactorization.Configuration.notebook
        configuration.regularization = 0.1
        let model = MatrixFactorization.initial(users: 3, items: 3, configuration: configuration)
        let ratings = notebookY.ratingMatrix
        #expect(ratings.count == 6)
        var expectedLoss = 0.0
        var expectedUserGradient = [Float](repeating: 0, count: 9)
        for u in 0..<3 {
            for i in 0..<3 where notebookY.isRated(user: u, item: i) {
                let error = model.predict(user: u, item: i) - notebookY.values[u, i]
                expectedLoss += 0.5 * Double(error * error)
                for c in 0..<3 { expectedUserGradient[u * 3 + c] += error * model.itemFactors[i, c] }
            }
        }
        expectedLoss += 0.05 * (model.userFactors.squaredNorm + model.itemFactors.squaredNorm)
        for index in 0..<9 { expectedUserGradient[index] += 0.1 * model.userFactors.storage[index] }
        #expect(model.loss(on: ratings).isApproximatelyEqual(to: expectedLoss, relativeTolerance: 1e-6))
        let gradient = model.gradients(on: ratings).users.storage
        for (a, b) in zip(gradient, expectedUserGradient) {
            #expect(a.isFinite && a.isApproximatelyEqual(to: b, absoluteTolerance: 1e-5))
        }
    }

    @Test func notebookTrainingLossFalls() throws {
        let recorder = LossRecorder()
        _ = try MatrixFactorization.fit(notebookY.ratingMatrix, configuration: .notebook, observer: recorder.observer)
        let losses = recorder.losses
        #expect(losses.count == 11)  // steps 0, 10, …, 90 and the last
        #expect(losses.last! < losses.first! / 5)
    }

    @Test func sameSeedGivesTheSameModel() throws {
        let ratings = Fixtures.plantedLowRank(users: 30, items: 20, rank: 3, density: 0.5, seed: 2)
        let a = try MatrixFactorization.fit(
            ratings, configuration: .init(factors: 3, regularization: 0.01, learningRate: 0.01, steps: 50))
        let b = try MatrixFactorization.fit(
            ratings, configuration: .init(factors: 3, regularization: 0.01, learningRate: 0.01, steps: 50))
        #expect(a.userFactors == b.userFactors && a.itemFactors == b.itemFactors)
    }

    @Test func recoversPlantedRankThreeMatrix() throws {
        let ratings = Fixtures.plantedLowRank(users: 60, items: 40, rank: 3, density: 0.6, seed: 9)
        let configuration = MatrixFactorization.Configuration(
            factors: 3, regularization: 0.001, learningRate: 0.01, steps: 3000, initialStandardDeviation: 0.3,
            centering: .none)
        let model = try MatrixFactorization.fit(ratings, configuration: configuration)
        let metrics = RatingMetrics.evaluate(model, train: ratings, test: ratings)
        #expect(metrics.rmse < 0.05, "training RMSE \(metrics.rmse)")
    }

    @Test func invalidHyperparametersAreErrors() {
        let ratings = notebookY.ratingMatrix
        #expect(throws: ModelError.self) { try MatrixFactorization.fit(ratings, configuration: .init(factors: 0)) }
        #expect(throws: ModelError.self) {
            try MatrixFactorization.fit(ratings, configuration: .init(learningRate: .nan))
        }
        #expect(throws: ModelError.self) {
            try MatrixFactorization.fit(ratings, configuration: .init(regularization: -1))
        }
    }
}

@Suite("Matrix factorization, accelerated")
struct AcceleratedMatrixFactorizationTests {
    static let ratings = Fixtures.plantedLowRank(users: 80, items: 60, rank: 3, density: 0.4, seed: 12)

    @Test(
        "accelerated gradient descent reaches a lower loss than the notebook's steps in the same number of steps, and never raises it"
    )
    func reachesTheMinimum() throws {
        var plain = MatrixFactorization.Configuration(
            factors: 3, regularization: 1, learningRate: 0.002, steps: 200, centering: .none,
            optimizer: .gradientDescent)
        let descended = try MatrixFactorization.fit(Self.ratings, configuration: plain)
        plain.optimizer = .accelerated
        plain.tolerance = 0
        let losses = LossRecorder()
        plain.reportEvery = 1
        let accelerated = try MatrixFactorization.fit(Self.ratings, configuration: plain, observer: losses.observer)
        #expect(accelerated.loss(on: Self.ratings) < descended.loss(on: Self.ratings) * 0.5)
        #expect(zip(losses.losses, losses.losses.dropFirst()).allSatisfy { $1 <= $0 * (1 + 1e-6) }, "the loss rose")
    }

    @Test("it stops when a step no longer lowers the loss by the tolerance")
    func stopsAtConvergence() throws {
        let losses = LossRecorder()
        let configuration = MatrixFactorization.Configuration(
            factors: 3, regularization: 1, steps: 100_000, centering: .none, reportEvery: 1, tolerance: 1e-7)
        _ = try MatrixFactorization.fit(Self.ratings, configuration: configuration, observer: losses.observer)
        #expect(losses.losses.count < 100_000)
        let last = losses.losses.suffix(2)
        #expect(last.first! - last.last! <= 1e-7 * last.last! * 1.0001)
    }

    @Test("baseline centring predicts μ + b_u + b_i + θ·x and keeps the biases through a file")
    func baselineCentring() throws {
        let model = try MatrixFactorization.fit(
            Self.ratings, configuration: .init(factors: 3, regularization: 1, steps: 50))
        let baseline = try BaselinePredictor.fit(Self.ratings)
        #expect(model.userBiases == baseline.userBiases && model.itemBiases == baseline.itemBiases)
        let expected =
            model.offset + model.userBiases[2] + model.itemBiases[5]
            + model.userFactors.dot(row: 2, model.itemFactors, row: 5)
        #expect(model.predict(user: 2, item: 5) == expected)
        #expect(model.baselinePrediction(user: 2, item: nil) == model.offset + model.userBiases[2])
    }
}
