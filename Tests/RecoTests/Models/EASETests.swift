import RealModule
import RecoTestSupport
import Testing

@testable import Reco

struct EASETests {
    /// Interactions of 6 users with 4 items.
    let ratings = RatingMatrix(
        userIDs: IDMap((0..<6).map { "u\($0)" }), itemIDs: IDMap(["a", "b", "c", "d"]),
        ratings: RatingList(
            users: [0, 0, 1, 1, 1, 2, 2, 3, 3, 4, 5, 5], items: [0, 1, 0, 1, 2, 2, 3, 1, 3, 0, 2, 3],
            values: [5, 4, 3, 5, 1, 4, 4, 2, 5, 3, 4, 1]))

    @Test func weightsMatchTheClosedFormComputedDirectly() throws {
        let lambda = 2.0
        let model = try EASE.fit(ratings, configuration: .init(regularization: lambda))
        // G = XᵀX + λI with binary X, inverted here column by column with the Double solver.
        let n = 4
        var gram = [Double](repeating: 0, count: n * n)
        for user in 0..<ratings.userCount {
            let items = ratings.userRange(user).map { Int(ratings.userItems[$0]) }
            for i in items { for j in items { gram[i * n + j] += 1 } }
        }
        for d in 0..<n { gram[d * n + d] += lambda }
        var inverse = [Double](repeating: 0, count: n * n)
        for column in 0..<n {
            var e = [Double](repeating: 0, count: n)
            e[column] = 1
            let x = try #require(Cholesky.solve(gram, e))
            for row in 0..<n { inverse[row * n + column] = x[row] }
        }
        for i in 0..<n {
            #expect(model.weights[i, i] == 0)
            for j in 0..<n where i != j {
                #expect(
                    Double(model.weights[i, j]).isApproximatelyEqual(
                        to: -inverse[i * n + j] / inverse[j * n + j], absoluteTolerance: 1e-5))
            }
        }
        // score(u, j) = Σ_{i ∈ I(u)} B_ij.
        #expect(
            model.predict(user: 0, item: 2).isApproximatelyEqual(
                to: model.weights[0, 2] + model.weights[1, 2], absoluteTolerance: 1e-6))
    }
}
