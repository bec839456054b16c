import Foundation
import Reco
import RecoTestSupport
import Testing

/// Laws every registered model keeps, over 100 seeded random datasets (the models taken in turn).
@Suite("Model properties")
struct ModelPropertyTests {
    static let kinds = RegistryTests.registry.kinds

    /// Random training data with genres for the models that read item features, and random
    /// timestamps over 60 days for the time-aware ones.
    static func data(_ property: inout PropertyCase) -> TrainingData {
        let untimed = property.ratings()
        var list = untimed.ratingList
        list.timestamps = (0..<list.count).map { _ in Int64(property.int(in: 0...(60 * 86_400))) + 900_000_000 }
        let ratings = RatingMatrix(userIDs: untimed.userIDs, itemIDs: untimed.itemIDs, ratings: list)
        return TrainingData(
            ratings: ratings, itemFeatures: Fixtures.genres(for: ratings, seed: UInt64(property.int(in: 0...99))))
    }

    @Test("a model written to a .reco file and read back predicts bit for bit the same")
    func modelFilesRoundTrip() throws {
        let folder = Fixtures.temporaryFolder()
        for var property in PropertyCases(seed: 301).prefix(100) {
            let kind = Self.kinds[property.index % Self.kinds.count]
            let data = Self.data(&property)
            let seed = String(property.int(in: 0...10_000))
            let model = try kind.fit(
                data, parameters: ModelParameters(kind.hasParameter("seed") ? ["seed": seed] : [:]))
            let path = folder + "/case\(property.index).reco"
            try SavedModel(model: model, training: data.ratings, source: "property").write(to: path)
            let loaded = try SavedModel.read(path, registry: RegistryTests.registry)
            #expect(loaded.kind == kind, "\(property)")
            #expect(
                loaded.model.predictAll().storage.map(\.bitPattern) == model.predictAll().storage.map(\.bitPattern),
                "\(kind.name), \(property)")
        }
    }

    @Test("a new user's fold-in does not depend on the order their ratings are given in")
    func foldInIgnoresOrder() throws {
        for var property in PropertyCases(seed: 302).prefix(100) {
            let kind = Self.kinds[property.index % Self.kinds.count]
            let data = Self.data(&property)
            let model = try kind.fit(data)
            let itemCount = data.ratings.itemCount
            let chosen = Array(property.shuffled(Array(0..<itemCount)).prefix(property.int(in: 1...min(6, itemCount))))
            let ratings = chosen.map { _ in Float(property.int(in: 2...10)) / 2 }
            let order = property.shuffled(Array(chosen.indices))
            let given = model.foldIn(items: chosen, ratings: ratings)
            let reordered = model.foldIn(items: order.map { chosen[$0] }, ratings: order.map { ratings[$0] })
            #expect(given.count == reordered.count, "\(kind.name), \(property)")
            for (a, b) in zip(given, reordered) where !(a.isNaN && b.isNaN) {
                #expect(abs(a - b) <= 1e-4 * max(1, abs(a)), "\(kind.name), \(property): \(a) against \(b)")
            }
        }
    }
}
