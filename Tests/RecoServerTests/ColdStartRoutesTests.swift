import Foundation
import Hummingbird
import HummingbirdTesting
import Reco
import RecoServer
import RecoTestSupport
import Testing

@Suite("New items and users by their features")
struct ColdStartRoutesTests {
    /// The sample catalogue, its users given a group feature, and a hybrid trained on it.
    /// The hybrid on the sample catalogue, without a ranker (lists by its predicted ratings; lists
    /// by interest with posted items are `RankingRoutesTests`').
    static func hybrid() throws -> (saved: SavedModel, dataset: Dataset) {
        let dataset = SampleCatalog.generate()
        let groups = FeatureTable(
            tokens: dataset.ratings.userIDs.ids.enumerated().map { index, id in (id, ["group=\(index % 4)"]) })
        let data = TrainingData(
            ratings: dataset.ratings, itemFeatures: dataset.itemFeatures,
            userFeatures: groups.aligned(to: dataset.ratings.userIDs))
        let model = try ModelKind.hybrid.fit(data, parameters: ModelParameters(["epochs": "20", "ranker": "none"]))
        return (SavedModel(model: model, training: dataset.ratings, itemTitles: dataset.itemTitles), dataset)
    }

    /// Each user's favourite genre by their own ratings (the highest mean over 5+ ratings).
    static func favourites(_ dataset: Dataset) -> [String: String] {
        let ratings = dataset.ratings
        let features = dataset.itemFeatures!
        var result: [String: String] = [:]
        for user in 0..<ratings.userCount {
            var best = (genre: "", mean: -Double.infinity)
            for (column, genre) in features.names.enumerated() {
                let values = ratings.userRange(user).filter { features.matrix[Int(ratings.userItems[$0]), column] == 1 }
                    .map { Double(ratings.userRatings[$0]) }
                guard values.count >= 5 else { continue }
                let mean = values.reduce(0, +) / Double(values.count)
                if mean > best.mean { best = (genre, mean) }
            }
            if !best.genre.isEmpty { result[ratings.userIDs.id(at: user)] = best.genre }
        }
        return result
    }

    /// The share of `fans` whose top 20 holds `item`.
    static func share(
        of item: String, inTop20Of fans: [String], _ client: any TestClientProtocol
    ) async throws -> Double {
        var hits = 0
        for fan in fans where try await client.get("/v1/users/\(fan)/recommendations?count=20").itemIDs.contains(item) {
            hits += 1
        }
        return Double(hits) / Double(max(fans.count, 1))
    }

    /// The genre the `fans` rate lowest on average.
    static func leastLiked(by fans: [String], _ dataset: Dataset) -> String {
        let ratings = dataset.ratings
        let features = dataset.itemFeatures!
        let means = features.names.indices.map { column -> Double in
            let values = fans.compactMap { ratings.userIDs.index(of: $0) }.flatMap { user in
                ratings.userRange(user).filter { features.matrix[Int(ratings.userItems[$0]), column] == 1 }
                    .map { Double(ratings.userRatings[$0]) }
            }
            return values.isEmpty ? .infinity : values.reduce(0, +) / Double(values.count)
        }
        return features.names[means.indices.min { means[$0] < means[$1] }!]
    }

    @Test(
        "a posted film tagged like users' favourites enters their top 20, one tagged with what they dislike does not; at once, after a restart and after a retrain",
        .timeLimit(.minutes(4)))
    func postedItem() async throws {
        let (saved, dataset) = try Self.hybrid()
        let favourites = Self.favourites(dataset)
        // The genre most users like best, those users, and the genre they like least.
        let genre = Dictionary(grouping: favourites.values, by: { $0 }).max { $0.value.count < $1.value.count }!.key
        let fans = favourites.filter { $0.value == genre }.keys.sorted()
        let disliked = Self.leastLiked(by: fans, dataset)
        let harness = try await ServerHarness.start(saved, token: "a-token-of-sixteen-or-more")
        let authorized: HTTPFields = [.authorization: "Bearer a-token-of-sixteen-or-more"]
        @Sendable func check(_ client: any TestClientProtocol, _ when: String) async throws {
            let liked = try await Self.share(of: "new-film", inTop20Of: fans, client)
            let other = try await Self.share(of: "new-other", inTop20Of: fans, client)
            #expect(
                liked >= 0.25 && other * 3 <= liked,
                "\(when): \(genre) film in \(liked), \(disliked) film in \(other) of \(fans.count) top 20s")
        }
        try await harness.run { client in
            #expect(try await Self.share(of: "new-film", inTop20Of: fans, client) == 0)
            for (id, tag) in [("new-film", genre), ("new-other", disliked)] {
                let posted = try await client.post(
                    "/v1/items", json: #"{"id": "\#(id)", "title": "A New Film (2026)", "features": ["\#(tag)"]}"#,
                    headers: authorized)
                #expect(posted.status == .created, "\(posted.text)")
            }
            try await check(client, "at once")
            let first = try await client.get("/v1/users/\(fans[0])/recommendations?count=300")
            let entry = (first.object["items"] as? [[String: Any]] ?? []).first { $0["id"] as? String == "new-film" }
            #expect(entry?["title"] as? String == "A New Film (2026)")
            // Posting it again replaces its features and keeps the title the body leaves out.
            let again = try await client.post(
                "/v1/items", json: #"{"id": "new-film", "features": ["\#(genre)"]}"#, headers: authorized)
            #expect(again.status == .ok && again.object["replaced"] as? Bool == true, "\(again.text)")
            let later = try await client.get("/v1/users/\(fans[0])/recommendations?count=300")
            let kept = (later.object["items"] as? [[String: Any]] ?? []).first { $0["id"] as? String == "new-film" }
            #expect(kept?["title"] as? String == "A New Film (2026)")
        }
        // A restart reads the posted films back from the database.
        let restarted = try await RecoService.start(harness.service.configuration)
        #expect(restarted.live.postedItems.ids.ids == ["new-film", "new-other"])
        try await ServerHarness(folder: harness.folder, service: restarted).run { client in
            try await check(client, "after a restart")
            // A retrain keeps serving them by their features (nobody has rated them yet).
            #expect(
                try await client.execute(uri: "/v1/admin/retrain", method: .post, headers: authorized).status
                    == .accepted)
            _ = try await RetrainTests.waitForRetrains(restarted, count: 1)
            #expect(try await client.get("/v1/users/\(fans[0])/recommendations").object["model_version"] as? Int == 2)
            try await check(client, "after a retrain")
        }
    }

    @Test("a posted user is served from their features, then from their features and ratings")
    func postedUser() async throws {
        let (saved, _) = try Self.hybrid()
        let harness = try await ServerHarness.start(saved)
        try await harness.run { client in
            #expect(try await client.get("/v1/users/newbie/recommendations").status == .notFound)
            #expect(try await client.get("/v1/users/newbie/ratings").status == .notFound)
            let posted = try await client.post("/v1/users", json: #"{"id": "newbie", "features": ["group=2"]}"#)
            #expect(posted.status == .created, "\(posted.text)")
            // Known now, with no ratings yet: an empty list, not "unknown user".
            let none = try await client.get("/v1/users/newbie/ratings")
            #expect(none.status == .ok && (none.object["ratings"] as? [Any])?.isEmpty == true, "\(none.text)")
            let byFeatures = try await client.get("/v1/users/newbie/recommendations?count=10")
            #expect(byFeatures.status == .ok && byFeatures.itemIDs.count == 10)
            #expect(byFeatures.object["source"] as? String == "features")
            let first = byFeatures.itemIDs[0]
            let rated = try await client.post(
                "/v1/ratings", json: #"{"user": "newbie", "item": "\#(first)", "rating": 5}"#)
            #expect(rated.status == .created)
            let afterRating = try await client.get("/v1/users/newbie/recommendations?count=10")
            #expect(afterRating.status == .ok && !afterRating.itemIDs.contains(first))
            #expect(afterRating.object["source"] as? String == "fold-in")
        }
    }

    @Test(
        "bad bodies get a 4xx that says why, and nothing is stored",
        arguments: [
            ("/v1/items", #"{"title": "no id", "features": ["Drama"]}"#, "invalid_json"),
            ("/v1/items", #"{"id": "", "features": ["Drama"]}"#, "invalid_parameter"),
            ("/v1/items", #"{"id": "x", "features": ["Dramma"]}"#, "unknown_feature"),
            ("/v1/items", #"{"id": "x", "features": 5}"#, "invalid_json"),
            ("/v1/items", #"{"id": "movie1", "features": ["Drama"]}"#, "invalid_parameter"),
            ("/v1/users", #"{"id": "x", "features": {"group": "9"}}"#, "unknown_feature"),
        ])
    func badBodies(route: String, body: String, code: String) async throws {
        let (saved, _) = try Self.hybrid()
        let harness = try await ServerHarness.start(saved)
        try await harness.run { client in
            let response = try await client.post(route, json: body)
            #expect((400..<500).contains(Int(response.status.code)), "\(response.status) \(response.text)")
            #expect(response.errorCode == code, "\(response.text)")
        }
        #expect(try await harness.service.store.profiles().isEmpty)
        #expect(harness.service.live.profiles.isEmpty)
    }

    @Test("a model that reads no features answers 422 and names the models that do")
    func modelWithoutFeatures() async throws {
        let harness = try await ServerHarness.sample()
        try await harness.run { client in
            let response = try await client.post("/v1/items", json: #"{"id": "x", "features": ["Drama"]}"#)
            #expect(response.status == .unprocessableContent)
            #expect(response.errorCode == "not_supported")
            #expect(response.text.contains("hybrid"))
        }
        #expect(try await harness.service.store.profiles().isEmpty)
    }
}
