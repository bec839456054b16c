import RecoTestSupport
import Testing

@testable import Reco

struct SVDPlusPlusTests {
    @Test func recoversAPlantedLowRankMatrixAndIsReproducible() throws {
        let ratings = Fixtures.plantedLowRank(users: 120, items: 80, rank: 3, density: 0.5, seed: 23)
        let split = Splitter.holdout(ratings, testFraction: 0.2, seed: 1)
        let configuration = SVDPlusPlus.Configuration(
            factors: 3, epochs: 200, learningRate: 0.01, regularization: 0.001)
        let model = try SVDPlusPlus.fit(split.train, configuration: configuration)
        let heldOut = RatingMetrics.evaluate(model, train: split.train, test: split.test)
        #expect(heldOut.rmse < 0.15, "held-out RMSE \(heldOut.rmse)")
        let again = try SVDPlusPlus.fit(split.train, configuration: configuration)
        #expect(
            again.effectiveUserFactors == model.effectiveUserFactors && again.implicitFactors == model.implicitFactors)
    }

    /// Surprise's `SVDpp.sgd` written out literally in Double — every y_j of the user moved after
    /// every rating, z_u recomputed from them — from Reco's start and user order.
    static func surpriseSchedule(
        _ ratings: RatingMatrix, _ configuration: SVDPlusPlus.Configuration
    ) -> (p: [[Double]], q: [[Double]], y: [[Double]], bu: [Double], bi: [Double]) {
        let k = configuration.factors
        var generator = SeededGenerator(seed: configuration.seed)
        func start(_ rows: Int) -> [[Double]] {
            let matrix = DenseMatrix.randomNormal(
                rows: rows, columns: k, standardDeviation: configuration.initialStandardDeviation,
                using: &generator)
            return (0..<rows).map { row in matrix.row(row).map(Double.init) }
        }
        var p = start(ratings.userCount), q = start(ratings.itemCount), y = start(ratings.itemCount)
        var bu = [Double](repeating: 0, count: ratings.userCount)
        var bi = [Double](repeating: 0, count: ratings.itemCount)
        let mu = Double(Float(ratings.globalMean))
        let eta = Double(configuration.learningRate), lambda = Double(configuration.regularization)
        for _ in 0..<configuration.epochs {
            for user in Splitter.shuffledPositions(ratings.userCount, seed: configuration.seed &+ 3) {
                let rated = ratings.userItems[ratings.userRange(user)].map(Int.init)
                let root = Double(rated.count).squareRoot()
                for position in ratings.userRange(user) {
                    let item = Int(ratings.userItems[position])
                    var z = [Double](repeating: 0, count: k)
                    for j in rated { for f in 0..<k { z[f] += y[j][f] / root } }
                    var dot = 0.0
                    for f in 0..<k { dot += q[item][f] * (p[user][f] + z[f]) }
                    let error = Double(ratings.userRatings[position]) - (mu + bu[user] + bi[item] + dot)
                    bu[user] += eta * (error - lambda * bu[user])
                    bi[item] += eta * (error - lambda * bi[item])
                    for f in 0..<k {
                        let puf = p[user][f], qif = q[item][f]
                        p[user][f] += eta * (error * qif - lambda * puf)
                        q[item][f] += eta * (error * (puf + z[f]) - lambda * qif)
                        for j in rated { y[j][f] += eta * (error * qif / root - lambda * y[j][f]) }
                    }
                }
            }
        }
        return (p, q, y, bu, bi)
    }

    @Test func trainsTheModelOfSurprisesPerRatingSchedule() throws {
        // Users with 20–40 ratings and a large step: applying the y gradient once per user instead
        // of after every rating moves the parameters by far more than the tolerance.
        let ratings = Fixtures.plantedLowRank(users: 25, items: 60, rank: 2, density: 0.5, seed: 5)
        let configuration = SVDPlusPlus.Configuration(
            factors: 4, epochs: 5, learningRate: 0.05, regularization: 0.05, initialStandardDeviation: 0.3, seed: 9)
        let model = try SVDPlusPlus.fit(ratings, configuration: configuration)
        let reference = Self.surpriseSchedule(ratings, configuration)
        var largest = 0.0
        func compare(_ trained: DenseMatrix, _ expected: [[Double]]) {
            for row in 0..<trained.rows {
                for (value, wanted) in zip(trained.row(row), expected[row]) {
                    largest = max(largest, abs(Double(value) - wanted))
                }
            }
        }
        compare(model.userFactors, reference.p)
        compare(model.itemFactors, reference.q)
        compare(model.implicitFactors, reference.y)
        for (value, wanted) in zip(model.userBiases + model.itemBiases, reference.bu + reference.bi) {
            largest = max(largest, abs(Double(value) - wanted))
        }
        #expect(largest < 1e-4, "largest difference from the per-rating schedule \(largest)")
    }
}
