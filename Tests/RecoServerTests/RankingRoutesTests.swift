import Foundation
import Hummingbird
import HummingbirdTesting
import Reco
import RecoServer
import RecoTestSupport
import Testing

@Suite("Lists ranked by interest over HTTP")
struct RankingRoutesTests {
    static let parameters = ["factors": "8", "epochs": "15", "ranker": "implicit-als"]

    /// The predicted ratings of a response's items.
    static func ratings(_ response: TestResponse) -> [Float?] {
        (response.object["items"] as? [[String: Any]] ?? []).map { ($0["rating"] as? NSNumber)?.floatValue }
    }

    @Test("lists rank by interest by default and carry the predicted rating; rank_by=rating ranks by the stars")
    func rankBy() async throws {
        let harness = try await ServerHarness.sample(parameters: Self.parameters)
        let saved = harness.service.live.model.saved
        #expect(saved.model.interestRanker != nil)
        let user = saved.training.userIDs.id(at: 11)
        try await harness.run { client in
            let ranked = try await client.get("/v1/users/\(user)/recommendations?count=8")
            #expect(ranked.status == .ok)
            #expect(ranked.itemIDs == (try saved.recommend(user: user, count: 8).items.map(\.id)))
            let scale = try #require(saved.training.ratingScale)
            #expect(Self.ratings(ranked).allSatisfy { $0.map(scale.contains) == true })
            let byRating = try await client.get("/v1/users/\(user)/recommendations?count=8&rank_by=rating")
            #expect(byRating.itemIDs == (try saved.recommend(user: user, count: 8, rankBy: .rating).items.map(\.id)))
            #expect(Self.ratings(byRating).allSatisfy { $0 == nil })
            #expect(ranked.itemIDs != byRating.itemIDs)

            let bad = try await client.get("/v1/users/\(user)/recommendations?rank_by=stars")
            #expect(bad.status == .badRequest)
            #expect(bad.object["error"] as? String == "invalid_parameter")
            #expect((bad.object["detail"] as? String)?.contains("'stars'") == true)
        }
    }

    @Test("a user known by posted ratings, and one known by the items in the request, are ranked by interest too")
    func foldInsRankByInterest() async throws {
        let harness = try await ServerHarness.sample(parameters: Self.parameters)
        let saved = harness.service.live.model.saved
        let liked = (0..<5).map { saved.training.itemIDs.id(at: $0 * 7) }
        try await harness.run { client in
            let body = liked.map { #"{"user": "newcomer", "item": "\#($0)", "rating": 5}"# }
            #expect(
                try await client.post("/v1/ratings", json: "[" + body.joined(separator: ",") + "]").status.code < 300)
            let posted = try await client.get("/v1/users/newcomer/recommendations?count=6")
            #expect(posted.object["source"] as? String == "fold-in")
            let expected = try saved.recommend(forItems: liked, ratings: [5, 5, 5, 5, 5], count: 6)
            #expect(posted.itemIDs == expected.items.map(\.id))
            #expect(Self.ratings(posted).allSatisfy { $0 != nil })

            let items = liked.map { #""\#($0)""# }.joined(separator: ",")
            let given = try await client.post("/v1/recommendations", json: #"{"items": [\#(items)], "count": 6}"#)
            #expect(given.status == .ok)
            #expect(given.itemIDs == expected.items.map(\.id))
            let byRating = try await client.post(
                "/v1/recommendations?rank_by=rating", json: #"{"items": [\#(items)], "count": 6}"#)
            #expect(
                byRating.itemIDs
                    == (try saved.recommend(forItems: liked, count: 6, rankBy: .rating).items.map(\.id)))
        }
    }

    @Test("a film posted with features takes, in a list by interest, the place its predicted rating earns")
    func postedItemsTakeTheirPlace() async throws {
        let token = "a-token-of-sixteen-or-more"
        let harness = try await ServerHarness.sample(
            kind: .hybrid, parameters: ["epochs": "5", "ranker": "implicit-als"], token: token)
        let saved = harness.service.live.model.saved
        let genre = try #require(saved.model.itemFeatureNames.first)
        let features = try saved.newItemFeatures(FeatureTable(tokens: [("new-film", [genre])]))
        let user = 5, id = saved.training.userIDs.id(at: user)
        let all = saved.training.itemCount
        let posted = (ids: IDMap(["new-film"]), features: features)
        let expected = try #require(try saved.recommend(.trained(user), newItems: posted, count: all))
        let place = try #require(expected.items.firstIndex { $0.id == "new-film" })
        try await harness.run { client in
            let created = try await client.post(
                "/v1/items", json: #"{"id": "new-film", "features": ["\#(genre)"]}"#,
                headers: [.authorization: "Bearer \(token)"])
            #expect(created.status == .created, "\(created.text)")
            let list = try await client.get("/v1/users/\(id)/recommendations?count=\(all)")
            #expect(list.itemIDs.firstIndex(of: "new-film") == place, "expected at \(place)")
            let entry = (list.object["items"] as? [[String: Any]] ?? []).first { $0["id"] as? String == "new-film" }
            #expect((entry?["rating"] as? NSNumber)?.floatValue == expected.items[place].rating)
            #expect((entry?["score"] as? NSNumber)?.floatValue == expected.items[place].score)
        }
    }
}
