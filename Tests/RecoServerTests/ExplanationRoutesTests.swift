import Foundation
import Hummingbird
import HummingbirdTesting
import Reco
import RecoServer
import RecoTestSupport
import Testing

@Suite("Explanation routes")
struct ExplanationRoutesTests {
    /// The terms of a response, and their sum.
    static func terms(_ object: [String: Any], key: String = "terms") -> (terms: [[String: Any]], sum: Double) {
        let terms = object[key] as? [[String: Any]] ?? []
        return (terms, terms.reduce(0) { $0 + (($1["contribution"] as? NSNumber)?.doubleValue ?? .nan) })
    }

    @Test(
        "a trained user's explanation adds up to the predicted rating a list ranked by rating shows, and explain=true lists reasons"
    )
    func trainedUser() async throws {
        let harness = try await ServerHarness.sample(
            parameters: ["factors": "8", "epochs": "15", "ranker": "implicit-als"])
        let saved = harness.service.live.model.saved
        let user = saved.training.userIDs.id(at: 3)
        try await harness.run { client in
            let list = try await client.get("/v1/users/\(user)/recommendations?count=5&explain=true&rank_by=rating")
            #expect(list.status == .ok)
            let items = list.object["items"] as? [[String: Any]] ?? []
            #expect(items.count == 5)
            for entry in items {
                let id = try #require(entry["id"] as? String)
                let score = try #require((entry["score"] as? NSNumber)?.doubleValue)
                let reasons = entry["reasons"] as? [[String: Any]] ?? []
                #expect((1...3).contains(reasons.count), "\(entry)")
                #expect(reasons.allSatisfy { $0["label"] is String && $0["kind"] as? String != "mean" })
                let why = try await client.get("/v1/users/\(user)/items/\(id)/explanation")
                #expect(why.status == .ok)
                #expect(why.object["source"] as? String == "model")
                let (terms, sum) = Self.terms(why.object)
                #expect(abs(sum - score) <= 1e-4 * max(1, abs(score)), "\(why.text)")
                #expect(terms.contains { $0["kind"] as? String == "rated-item" && $0["item"] is String })
                let top = try await client.get("/v1/users/\(user)/items/\(id)/explanation?top=2")
                let (short, shortSum) = Self.terms(top.object)
                #expect(short.count == 3 && short.last?["kind"] as? String == "other")
                #expect(abs(shortSum - score) <= 1e-4 * max(1, abs(score)))
            }
            let plain = try await client.get("/v1/users/\(user)/recommendations?count=5")
            #expect((plain.object["items"] as? [[String: Any]])?.allSatisfy { $0["reasons"] == nil } == true)
            // Ranked by interest (the default), each item also shows the rating its reasons explain.
            let ranked = try await client.get("/v1/users/\(user)/recommendations?count=5&explain=true")
            let scale = try #require(saved.training.ratingScale)
            for entry in ranked.object["items"] as? [[String: Any]] ?? [] {
                let rating = try #require((entry["rating"] as? NSNumber)?.floatValue, "\(entry)")
                #expect(scale.contains(rating))
                #expect((1...3).contains((entry["reasons"] as? [[String: Any]])?.count ?? 0))
            }
        }
    }

    @Test("a new user is explained by their fold-in from posted ratings")
    func postedUser() async throws {
        let harness = try await ServerHarness.sample()
        let saved = harness.service.live.model.saved
        let rated = (0..<4).map { saved.training.itemIDs.id(at: $0) }
        try await harness.run { client in
            let body = rated.map { #"{"user": "newbie", "item": "\#($0)", "rating": 5}"# }
            #expect(
                try await client.post("/v1/ratings", json: "[" + body.joined(separator: ",") + "]").status.code < 300)
            let list = try await client.get("/v1/users/newbie/recommendations?count=3&explain=true&rank_by=rating")
            let items = list.object["items"] as? [[String: Any]] ?? []
            let first = try #require(items.first)
            let id = try #require(first["id"] as? String)
            let why = try await client.get("/v1/users/newbie/items/\(id)/explanation")
            #expect(why.status == .ok)
            #expect(why.object["source"] as? String == "fold-in")
            let (terms, sum) = Self.terms(why.object)
            let named = Set(terms.compactMap { $0["item"] as? String })
            #expect(named.isSubset(of: Set(rated)) && !named.isEmpty)
            let score = try #require((first["score"] as? NSNumber)?.doubleValue)
            #expect(abs(sum - score) <= 1e-3 * max(1, abs(score)), "\(why.text)")
        }
    }

    @Test("unknown users and items, and a bad top, are 4xx with a JSON error")
    func badRequests() async throws {
        let harness = try await ServerHarness.sample()
        let saved = harness.service.live.model.saved
        let user = saved.training.userIDs.id(at: 0)
        let item = saved.training.itemIDs.id(at: 0)
        try await harness.run { client in
            let unknownItem = try await client.get("/v1/users/\(user)/items/nope/explanation")
            #expect(unknownItem.status == .notFound)
            #expect(unknownItem.object["error"] != nil)
            let unknownUser = try await client.get("/v1/users/nobody/items/\(item)/explanation")
            #expect(unknownUser.status == .notFound)
            #expect(try await client.get("/v1/users/\(user)/items/\(item)/explanation?top=0").status == .badRequest)
            #expect(try await client.get("/v1/users/\(user)/recommendations?explain=maybe").status == .badRequest)
        }
    }
}
