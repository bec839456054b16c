import RealModule
import Reco
import RecoTestSupport
import Testing

struct TopNModelTests {
    let ratings = Fixtures.plantedLowRank(users: 60, items: 40, rank: 3, density: 0.3, seed: 41)

    @Test func batchRecommendationEqualsOneUserAtATime() throws {
        let model = try ImplicitALS.fit(ratings, configuration: .init(factors: 4, iterations: 3))
        let all = model.recommendAll(count: 5, excludingRatedIn: ratings, threads: 2)
        for user in 0..<ratings.userCount {
            #expect(all[user] == model.recommend(user: user, count: 5, excludingRatedIn: ratings))
            let rated = Set(ratings.userItems[ratings.userRange(user)].map(Int.init))
            #expect(all[user].allSatisfy { !rated.contains($0.item) })
        }
    }

    @Test func similarUsersFindsATwin() throws {
        // User 1 rated exactly what user 0 rated: their content-based vectors coincide.
        let list = RatingList(users: [0, 0, 1, 1, 2, 2], items: [0, 1, 0, 1, 2, 0], values: [5, 1, 5, 1, 2, 4])
        let matrix = RatingMatrix(userIDs: IDMap(["a", "b", "c"]), itemIDs: IDMap(["x", "y", "z"]), ratings: list)
        let model = try ContentBasedRecommender.fit(matrix, itemFeatures: DenseMatrix([[1, 0], [0, 1], [1, 1]]))
        let nearest = try model.similarUsers(to: 0, count: 2)
        #expect(nearest.first?.item == 1)
        #expect(!nearest.contains { $0.item == 0 })
        #expect(throws: ModelError.self) { try GlobalMean(matrix).similarUsers(to: 0, count: 1) }
    }

    @Test func implicitCosineNeighboursEqualABruteForceComputation() throws {
        let model = try ImplicitItemKNN.fit(ratings, configuration: .init(similarity: .cosine, neighbors: 3))
        for i in 0..<ratings.itemCount {
            let usersOfI = Set(ratings.itemRange(i).map { ratings.itemUsers[$0] })
            var expected: [(Int, Float)] = []
            for j in 0..<ratings.itemCount where j != i {
                let usersOfJ = Set(ratings.itemRange(j).map { ratings.itemUsers[$0] })
                let common = Float(usersOfI.intersection(usersOfJ).count)
                guard common > 0 else { continue }
                expected.append((j, common / (Float(usersOfI.count) * Float(usersOfJ.count)).squareRoot()))
            }
            expected.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
            for (slot, (j, similarity)) in expected.prefix(3).enumerated() {
                #expect(Int(model.neighborItems[i * 3 + slot]) == j)
                #expect(
                    model.neighborWeights[i * 3 + slot].isApproximatelyEqual(to: similarity, absoluteTolerance: 1e-5))
            }
        }
    }

    @Test func bprRanksHeldOutItemsAboveOthersAndIsSeeded() throws {
        let data = Fixtures.plantedLowRank(users: 200, items: 60, rank: 2, density: 0.25, seed: 3)
        // Interactions = the planted score is high (top third), so there is structure to rank by.
        var list = RatingList()
        for user in 0..<data.userCount {
            for p in data.userRange(user) where data.userRatings[p] > 0.3 {
                list.append(user: Int32(user), item: data.userItems[p], value: 1)
            }
        }
        let interactions = RatingMatrix(userIDs: data.userIDs, itemIDs: data.itemIDs, ratings: list)
        let split = Splitter.perUser(interactions, testFraction: 0.2, seed: 1)
        let configuration = BPR.Configuration(factors: 8, epochs: 40, learningRate: 0.05)
        let model = try BPR.fit(split.train, configuration: configuration)
        let evaluator = Evaluator(metrics: [.auc])
        let bprAUC = evaluator.score(model, on: split).values[0]
        let popularityAUC = evaluator.score(Popularity(split.train), on: split).values[0]
        #expect(bprAUC > popularityAUC, "BPR AUC \(bprAUC), popularity \(popularityAUC)")
        #expect(try BPR.fit(split.train, configuration: configuration).itemFactors == model.itemFactors)
    }
}
