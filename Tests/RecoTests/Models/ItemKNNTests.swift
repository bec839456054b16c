import RealModule
import Reco
import RecoTestSupport
import Testing

struct ItemKNNTests {
    @Test func similaritiesEqualABruteForceComputation() throws {
        let ratings = Fixtures.plantedLowRank(users: 30, items: 12, rank: 2, density: 0.6, seed: 13)
        let configuration = ItemKNN.Configuration(neighbors: 5, shrinkage: 10, minimumSupport: 2)
        let model = try ItemKNN.fit(ratings, configuration: configuration)
        let baseline = try BaselinePredictor.fit(ratings)
        for i in 0..<ratings.itemCount {
            for j in 0..<ratings.itemCount where j != i {
                var products = 0.0, squaresI = 0.0, squaresJ = 0.0, common = 0
                for user in 0..<ratings.userCount {
                    guard let ri = ratings.rating(user: user, item: i), let rj = ratings.rating(user: user, item: j)
                    else { continue }
                    let di = Double(ri - baseline.predict(user: user, item: i))
                    let dj = Double(rj - baseline.predict(user: user, item: j))
                    products += di * dj
                    squaresI += di * di
                    squaresJ += dj * dj
                    common += 1
                }
                var expected = 0.0
                if common >= 2 && squaresI * squaresJ > 0 {
                    expected =
                        products / (squaresI * squaresJ).squareRoot() * Double(common - 1) / (Double(common - 1) + 10)
                }
                #expect(
                    Double(model.similarities[i, j]).isApproximatelyEqual(to: expected, absoluteTolerance: 1e-4),
                    "s(\(i), \(j))")
            }
        }
    }

    @Test func predictionUsesTheTopPositiveNeighbours() throws {
        let ratings = Fixtures.plantedLowRank(users: 30, items: 12, rank: 2, density: 0.6, seed: 14)
        let model = try ItemKNN.fit(ratings, configuration: .init(neighbors: 3))
        let user = 0
        let item = (0..<ratings.itemCount).first { ratings.rating(user: user, item: $0) == nil }!
        let rated = ratings.userRange(user).map { (Int(ratings.userItems[$0]), ratings.userRatings[$0]) }
        let neighbours = rated.filter { model.similarities[item, $0.0] > 0 }
            .sorted { model.similarities[item, $0.0] > model.similarities[item, $1.0] }.prefix(3)
        var weighted: Float = 0, total: Float = 0
        for (j, r) in neighbours {
            let s = model.similarities[item, j]
            weighted += s * (r - model.baseline.predict(user: user, item: j))
            total += s
        }
        let expected = model.baseline.predict(user: user, item: item) + (total > 0 ? weighted / total : 0)
        #expect(model.predict(user: user, item: item).isApproximatelyEqual(to: expected, absoluteTolerance: 1e-4))
    }
}
