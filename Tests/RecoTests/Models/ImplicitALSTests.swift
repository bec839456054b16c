import RecoTestSupport
import Testing

@testable import Reco

struct ImplicitALSTests {
    let ratings = Fixtures.plantedLowRank(users: 50, items: 40, rank: 3, density: 0.3, seed: 17)

    /// The full weighted loss Σ_{u,i} c_ui (p_ui − x_u·y_i)² + λ(‖X‖² + ‖Y‖²), over every pair.
    func loss(_ model: ImplicitALS) -> Double {
        var total = 0.0
        for user in 0..<ratings.userCount {
            for item in 0..<ratings.itemCount {
                let interacted = ratings.rating(user: user, item: item) != nil
                let confidence = interacted ? 1 + Double(model.configuration.alpha) : 1
                let error = (interacted ? 1 : 0) - Double(model.predict(user: user, item: item))
                total += confidence * error * error
            }
        }
        return total + Double(model.configuration.regularization)
            * (model.userFactors.squaredNorm + model.itemFactors.squaredNorm)
    }

    @Test func moreIterationsLowerTheWeightedLoss() throws {
        var previous = Double.infinity
        for iterations in [1, 3, 10] {
            let model = try ImplicitALS.fit(
                ratings, configuration: .init(factors: 4, iterations: iterations, regularization: 0.1, alpha: 5))
            let value = loss(model)
            #expect(value < previous, "\(iterations) iterations: \(value) ≥ \(previous)")
            previous = value
        }
    }

    @Test func foldInOfAUsersOwnItemsReproducesTheUsersVector() throws {
        // With many CG steps the user half-step is exact, so solving a training user's items again
        // (fold-in) after a final user step gives the same vector.
        let configuration = ImplicitALS.Configuration(
            factors: 4, iterations: 5, regularization: 0.1, alpha: 3, conjugateGradientSteps: 50)
        let model = try ImplicitALS.fit(ratings, configuration: configuration)
        let user = 7
        let items = ratings.userRange(user).map { Int(ratings.userItems[$0]) }
        let folded = model.foldInVector(items: items, values: items.map { _ in 1 })
        var again = model
        again.solveUsers(ratings)
        #expect(folded.isApproximatelyEqual(to: again.userFactors.row(user), absoluteTolerance: 1e-3))
    }

    @Test func sameSeedSameModel() throws {
        let a = try ImplicitALS.fit(ratings, configuration: .init(factors: 4, iterations: 3))
        let b = try ImplicitALS.fit(ratings, configuration: .init(factors: 4, iterations: 3))
        #expect(a.userFactors == b.userFactors && a.itemFactors == b.itemFactors)
    }
}
