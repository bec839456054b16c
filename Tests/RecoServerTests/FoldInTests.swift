import Foundation
import Hummingbird
import HummingbirdTesting
import Reco
import RecoServer
import RecoTestSupport
import Testing

@Suite("Fold-in on MovieLens")
struct FoldInTests {
    @Test(
        "five 5-star science-fiction ratings make a new user's recommendations science fiction",
        .enabled(if: Fixtures.movieLensEnabled))
    func scienceFictionFan() async throws {
        let dataset = try DatasetLoader().load(Fixtures.movieLensPath)
        let features = try #require(dataset.itemFeatures)
        let sciFi = try #require(features.names.firstIndex(of: "Sci-Fi"))
        let parameters = ModelParameters(["factors": "32", "iterations": "8"])
        let model = try ModelKind.implicitALS.fit(dataset.ratings, parameters: parameters)
        let saved = SavedModel(
            model: model, parameters: parameters, training: dataset.ratings, itemTitles: dataset.itemTitles)
        let harness = try await ServerHarness.start(saved)
        let titles = [
            "Star Trek: The Wrath of Khan (1982)", "Star Trek: First Contact (1996)", "2001: A Space Odyssey (1968)",
            "Alien (1979)",
            "Blade Runner (1982)",
        ]
        let ids = try titles.map { title in dataset.ratings.itemIDs.id(at: try #require(dataset.item(titled: title))) }
        for id in ids { #expect(features.matrix[dataset.ratings.itemIDs.index(of: id)!, sciFi] == 1) }
        let base =
            Double((0..<features.matrix.rows).filter { features.matrix[$0, sciFi] == 1 }.count)
            / Double(features.matrix.rows)
        try await harness.run { client in
            let ratings = ids.map { #"{"user": "scifi-fan", "item": "\#($0)", "rating": 5}"# }
            let posted = try await client.post("/v1/ratings", json: "[" + ratings.joined(separator: ",") + "]")
            #expect(posted.status == .created)
            let response = try await client.get("/v1/users/scifi-fan/recommendations?count=10")
            #expect(response.object["source"] as? String == "fold-in")
            let recommended = response.itemIDs
            #expect(recommended.count == 10)
            #expect(Set(ids).isDisjoint(with: recommended))
            let scienceFiction = recommended.filter {
                features.matrix[dataset.ratings.itemIDs.index(of: $0)!, sciFi] == 1
            }
            // Sci-Fi is 6 % of the catalogue; at least 7 of the 10 must be.
            #expect(
                scienceFiction.count >= 7,
                "\(scienceFiction.count) of 10 are science fiction (catalogue: \(Int(base * 100)) %)")
        }
    }
}
