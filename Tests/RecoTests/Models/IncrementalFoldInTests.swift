import Reco
import RecoTestSupport
import Testing

@Suite("Incremental fold-in")
struct IncrementalFoldInTests {
    /// A trained model of `kind` on a planted problem.
    static func model(_ kind: ModelKind) throws -> (any TrainableModel, RatingMatrix) {
        let ratings = Fixtures.plantedLowRank(users: 60, items: 50, rank: 3, density: 0.4, seed: 11)
        return (try kind.fit(ratings, parameters: ModelParameters(["factors": "6", "epochs": "10"])), ratings)
    }

    @Test(
        "ratings added, replaced and withdrawn one at a time give the batch fold-in's scores",
        arguments: [
            ModelKind.biasedMF, .als, .matrixFactorization,
        ])
    func matchesBatchFoldIn(kind: ModelKind) throws {
        let (model, ratings) = try Self.model(kind)
        let saved = SavedModel(model: model, training: ratings)
        var foldIn = try #require(IncrementalFoldIn(model: model))
        // Rate items 0…9, change item 3, withdraw item 7.
        var given: [Int: Float] = [:]
        var vector: [Float]?
        for item in 0..<10 {
            let rating = Float(item % 5) - 1.5
            foldIn.add(item: item, rating: rating)
            given[item] = rating
            vector = foldIn.vector(startingFrom: vector)
        }
        foldIn.remove(item: 3, rating: given[3]!)
        foldIn.add(item: 3, rating: 2.25)
        given[3] = 2.25
        foldIn.remove(item: 7, rating: given[7]!)
        given[7] = nil
        #expect(foldIn.count == 9)
        let items = given.keys.sorted()
        let expected = saved.foldInScores(items: items, ratings: items.map { given[$0]! })
        let warm = foldIn.scores(vector: foldIn.vector(startingFrom: vector))
        let cold = foldIn.scores(vector: foldIn.vector())
        #expect(warm.isApproximatelyEqual(to: expected, absoluteTolerance: 1e-3, relativeTolerance: 1e-3))
        #expect(cold.isApproximatelyEqual(to: expected, absoluteTolerance: 1e-3, relativeTolerance: 1e-3))
    }

    @Test("models whose fold-in is not a ridge on item vectors have none")
    func otherModels() throws {
        let (model, _) = try Self.model(.svdPlusPlus)
        #expect(IncrementalFoldIn(model: model) == nil)
    }
}
