import Foundation
import Hummingbird
import HummingbirdTesting
import Reco
import RecoServer
import RecoTestSupport
import Testing

@Suite("HTTP routes")
struct RoutesTests {
    @Test("a known user's recommendations come from the model and leave out what they rated")
    func knownUser() async throws {
        let harness = try await ServerHarness.sample()
        let saved = harness.service.live.model.saved
        let user = saved.training.userIDs.id(at: 3)
        let rated = Set(
            saved.training.userItems[saved.training.userRange(3)].map { saved.training.itemIDs.id(at: Int($0)) })
        try await harness.run { client in
            let response = try await client.get("/v1/users/\(user)/recommendations?count=7")
            #expect(response.status == .ok)
            #expect(response.object["source"] as? String == "model")
            #expect(response.object["user"] as? String == user)
            #expect(response.itemIDs.count == 7)
            #expect(rated.isDisjoint(with: response.itemIDs))
            let items = response.object["items"] as? [[String: Any]] ?? []
            #expect(items.first?["title"] is String)
            let scores = items.compactMap { ($0["score"] as? NSNumber)?.floatValue }
            #expect(scores == scores.sorted(by: >))
            let expected = try saved.recommend(user: user, count: 7).items.map(\.id)
            #expect(response.itemIDs == expected)
            let withRated = try await client.get("/v1/users/\(user)/recommendations?count=7&exclude_rated=false")
            #expect(
                withRated.itemIDs == (try saved.recommend(user: user, count: 7, includeRated: true).items.map(\.id)))
        }
    }

    @Test("titles with quotes, backslashes, control characters and accents come back intact")
    func escaping() async throws {
        let dataset = SampleCatalog.generate()
        let odd = ["Say \"Cheese\"", "back\\slash", "two\nlines\tand a tab", "bell\u{07}", "Amélie — 東京 🎬"]
        var titles = dataset.itemTitles
        for (index, title) in odd.enumerated() { titles[index] = title }
        let model = try ModelKind.popularity.fit(dataset.ratings)
        let saved = SavedModel(
            model: model, parameters: ModelParameters(), training: dataset.ratings, itemTitles: titles)
        let harness = try await ServerHarness.start(saved)
        try await harness.run { client in
            for index in odd.indices {
                let id = saved.training.itemIDs.id(at: index)
                let response = try await client.post(
                    "/v1/recommendations", json: #"{"items": ["\#(id)"], "count": 1000}"#)
                let items = response.object["items"] as? [[String: Any]] ?? []
                #expect(items.count == saved.training.itemCount - 1, "\(response.text.prefix(200))")
                let returned = Set(items.compactMap { $0["title"] as? String })
                for (other, title) in odd.enumerated() where other != index { #expect(returned.contains(title)) }
            }
        }
    }

    @Test("similar items, predictions and stored ratings")
    func readRoutes() async throws {
        let harness = try await ServerHarness.sample()
        let saved = harness.service.live.model.saved
        let user = saved.training.userIDs.id(at: 0)
        let item = saved.training.itemIDs.id(at: 5)
        try await harness.run { client in
            let similar = try await client.get("/v1/items/\(item)/similar?count=4")
            #expect(similar.status == .ok)
            #expect(similar.itemIDs == (try saved.similarItems(to: item, count: 4).map(\.id)))
            let prediction = try await client.get("/v1/predictions?user=\(user)&item=\(item)")
            #expect(prediction.status == .ok)
            let value = (prediction.object["prediction"] as? NSNumber)?.floatValue
            #expect(value == (try saved.predict(user: user, item: item)))
            let ratings = try await client.get("/v1/users/\(user)/ratings")
            #expect(ratings.status == .ok)
            #expect((ratings.object["ratings"] as? [Any])?.count == saved.training.ratingCount(ofUser: 0))
            #expect(try await client.get("/v1/users/nobody/ratings").status == .notFound)
            #expect(try await client.get("/healthz").status == .ok)
            #expect(try await client.get("/readyz").object["model_version"] as? Int == 1)
        }
    }

    @Test("an anonymous user gets fold-in recommendations and nothing is stored")
    func anonymous() async throws {
        let harness = try await ServerHarness.sample()
        let saved = harness.service.live.model.saved
        let liked = (0..<3).map { saved.training.itemIDs.id(at: $0) }
        let before = try await harness.service.store.ratingCount()
        try await harness.run { client in
            let body = #"{"items": ["\#(liked[0])", "\#(liked[1])", "\#(liked[2])"], "ratings": [5, 4, 5], "count": 5}"#
            let response = try await client.post("/v1/recommendations", json: body)
            #expect(response.status == .ok)
            #expect(response.object["source"] as? String == "fold-in")
            #expect(response.itemIDs.count == 5)
            #expect(Set(liked).isDisjoint(with: response.itemIDs))
            let expected = try saved.recommend(forItems: liked, ratings: [5, 4, 5], count: 5).items.map(\.id)
            #expect(response.itemIDs == expected)
            let unknown = try await client.post("/v1/recommendations", json: #"{"items": ["no-such-item"]}"#)
            #expect(unknown.status == .notFound)
            #expect(unknown.errorCode == "unknown_item")
        }
        #expect(try await harness.service.store.ratingCount() == before)
    }

    @Test("a rating is stored, then the user's next recommendations reflect it")
    func ratingChangesRecommendations() async throws {
        let harness = try await ServerHarness.sample()
        let saved = harness.service.live.model.saved
        let user = saved.training.userIDs.id(at: 10)
        try await harness.run { client in
            let before = try await client.get("/v1/users/\(user)/recommendations?count=10")
            let top = before.itemIDs[0]
            // Rating the top recommendation removes it from the list and moves the user's vector.
            let posted = try await client.post(
                "/v1/ratings", json: #"{"user": "\#(user)", "item": "\#(top)", "rating": 1}"#)
            #expect(posted.status == .created)
            #expect(posted.object["stored"] as? Int == 1)
            let after = try await client.get("/v1/users/\(user)/recommendations?count=10")
            #expect(after.object["source"] as? String == "fold-in")
            #expect(!after.itemIDs.contains(top))
            let prediction = try await client.get("/v1/predictions?user=\(user)&item=\(top)")
            #expect(prediction.object["source"] as? String == "fold-in")
            let ratings = try await client.get("/v1/users/\(user)/ratings")
            let last = (ratings.object["ratings"] as? [[String: Any]])?.last
            #expect(last?["item"] as? String == top)
            #expect((last?["rating"] as? NSNumber)?.floatValue == 1)
        }
        #expect(harness.service.live.ratingsSinceTraining == 1)
    }

    @Test("new users are served by fold-in, new items by popularity")
    func newUsersAndItems() async throws {
        let harness = try await ServerHarness.sample()
        let saved = harness.service.live.model.saved
        let known = saved.training.itemIDs.id(at: 2)
        try await harness.run { client in
            #expect(try await client.get("/v1/users/newcomer/recommendations").errorCode == "unknown_user")
            let batch =
                #"[{"user": "newcomer", "item": "\#(known)", "rating": 5, "timestamp": 1700000000}, {"user": 42, "item": "brand-new", "rating": 4}]"#
            let posted = try await client.post("/v1/ratings", json: batch)
            #expect(posted.status == .created)
            #expect(posted.object["users"] as? Int == 2)
            let newcomer = try await client.get("/v1/users/newcomer/recommendations?count=5")
            #expect(newcomer.status == .ok)
            #expect(newcomer.object["source"] as? String == "fold-in")
            #expect(!newcomer.itemIDs.contains(known))
            // User 42 rated only an item the model does not know: popularity.
            let onlyNew = try await client.get("/v1/users/42/recommendations?count=5")
            #expect(onlyNew.object["source"] as? String == "popularity")
            let similar = try await client.get("/v1/items/brand-new/similar")
            #expect(similar.status == .ok)
            #expect(similar.object["source"] as? String == "popularity")
            let prediction = try await client.get("/v1/predictions?user=newcomer&item=brand-new")
            #expect(prediction.object["source"] as? String == "item-mean")
            #expect((prediction.object["prediction"] as? NSNumber)?.floatValue == 4)
            let stored = try await client.get("/v1/users/newcomer/ratings")
            let first = (stored.object["ratings"] as? [[String: Any]])?.first
            #expect((first?["timestamp"] as? NSNumber)?.int64Value == 1_700_000_000)
        }
    }

    @Test(
        "bad input gets a 4xx JSON error and stores nothing",
        arguments: [
            ("/v1/ratings", "{not json", "invalid_json"),
            ("/v1/ratings", #"{"user": "1", "item": "2"}"#, "invalid_json"),
            ("/v1/ratings", #"{"user": "1", "item": "2", "rating": "five"}"#, "invalid_json"),
            ("/v1/ratings", #"{"user": "1", "item": "2", "rating": NaN}"#, "invalid_json"),
            ("/v1/ratings", #"{"user": "1", "item": "2", "rating": 1e999}"#, "invalid_json"),
            ("/v1/ratings", #"{"user": "1", "item": "2", "rating": 9}"#, "invalid_rating"),
            ("/v1/ratings", #"{"user": ["1"], "item": "2", "rating": 3}"#, "invalid_json"),
            ("/v1/ratings", "[]", "invalid_parameter"),
            ("/v1/ratings", "", "invalid_json"),
            (
                "/v1/ratings", #"[{"user": "1", "item": "2", "rating": 3}, {"user": "1", "item": "3", "rating": -2}]"#,
                "invalid_rating"
            ),
            ("/v1/ratings", #"[{"user": "1", "item": "2", "rating": 3}, {"user": "1", "rating": 2}]"#, "invalid_json"),
            ("/v1/recommendations", #"{"items": []}"#, "invalid_parameter"),
            ("/v1/recommendations", #"{"items": ["1"], "count": 0}"#, "invalid_parameter"),
            ("/v1/recommendations", #"{"items": ["1"], "ratings": [5, 4]}"#, "invalid_parameter"),
        ])
    func badBodies(route: String, body: String, code: String) async throws {
        let harness = try await ServerHarness.sample()
        let before = try await harness.service.store.ratingCount()
        try await harness.run { client in
            let response = try await client.post(route, json: body)
            #expect((400..<500).contains(response.status.code), "\(response.status) for \(body)")
            #expect(response.errorCode == code, "\(response.text)")
            #expect(response.object["detail"] is String)
        }
        #expect(try await harness.service.store.ratingCount() == before)
        #expect(harness.service.live.ratingsSinceTraining == 0)
    }

    @Test("bad queries, unknown ids and unknown routes get 4xx JSON errors")
    func badQueries() async throws {
        let harness = try await ServerHarness.sample()
        let user = harness.service.live.model.saved.training.userIDs.id(at: 0)
        try await harness.run { client in
            for (uri, status, code) in [
                ("/v1/users/\(user)/recommendations?count=0", 400, "invalid_parameter"),
                ("/v1/users/\(user)/recommendations?count=1001", 400, "invalid_parameter"),
                ("/v1/users/\(user)/recommendations?count=ten", 400, "invalid_parameter"),
                ("/v1/users/\(user)/recommendations?exclude_rated=maybe", 400, "invalid_parameter"),
                ("/v1/users/no-such-user/recommendations", 404, "unknown_user"),
                ("/v1/items/no-such-item/similar", 404, "unknown_item"),
                ("/v1/predictions?user=\(user)", 400, "invalid_parameter"),
                ("/v1/predictions?user=\(user)&item=nope", 404, "unknown_item"),
                ("/v1/nothing-here", 404, "not_found"),
            ] {
                let response = try await client.get(uri)
                #expect(response.status.code == status, "\(uri): \(response.text)")
                #expect(response.errorCode == code, "\(uri): \(response.text)")
            }
            // A path the service has, with a method it does not answer there: 405 and `Allow`.
            let wrongMethod = try await client.execute(uri: "/v1/ratings", method: .delete)
            #expect(wrongMethod.status == .methodNotAllowed)
            #expect(wrongMethod.errorCode == "method_not_allowed")
            #expect(wrongMethod.headers[.allow] == "POST")
            let onAUser = try await client.execute(uri: "/v1/users/\(user)/recommendations", method: .put)
            #expect(onAUser.status == .methodNotAllowed && onAUser.headers[.allow] == "GET", "\(onAUser.text)")
            let unknownPath = try await client.execute(uri: "/v1/users/\(user)/nothing", method: .delete)
            #expect(unknownPath.status == .notFound && unknownPath.errorCode == "not_found")
            #expect(try await client.get("/v1/users/\(user)/recommendations?count=1000").status == .ok)
        }
    }

    @Test("a body over the limit is refused with 413")
    func oversizedBody() async throws {
        let harness = try await ServerHarness.sample(bodyLimit: 1000)
        let user = harness.service.live.model.saved.training.userIDs.id(at: 0)
        let item = harness.service.live.model.saved.training.itemIDs.id(at: 0)
        let one = #"{"user": "\#(user)", "item": "\#(item)", "rating": 3}"#
        let many = "[" + Array(repeating: one, count: 100).joined(separator: ",") + "]"
        try await harness.run { client in
            let response = try await client.post("/v1/ratings", json: many)
            #expect(response.status == .contentTooLarge)
            #expect(response.errorCode == "body_too_large")
            #expect(try await client.post("/v1/ratings", json: one).status == .created)
        }
        #expect(try await harness.service.store.ratingCount() == harness.service.live.model.saved.training.count + 1)
    }

    @Test("write and admin routes need the bearer token when one is set")
    func token() async throws {
        let token = "s3cret-token-0123456789"
        let harness = try await ServerHarness.sample(token: token)
        let saved = harness.service.live.model.saved
        let body =
            #"{"user": "\#(saved.training.userIDs.id(at: 0))", "item": "\#(saved.training.itemIDs.id(at: 0))", "rating": 3}"#
        try await harness.run { client in
            for headers: HTTPFields in [
                [:], [.authorization: "Bearer wrong"], [.authorization: "Bearer " + token + "x"],
                [.authorization: token],
            ] {
                let response = try await client.post("/v1/ratings", json: body, headers: headers)
                #expect(response.status == .unauthorized)
                #expect(response.errorCode == "unauthorized")
                #expect(response.headers[.wwwAuthenticate] == "Bearer")
            }
            #expect(try await client.get("/v1/admin/status").status == .unauthorized)
            #expect(try await client.execute(uri: "/v1/admin/retrain", method: .post).status == .unauthorized)
            #expect(
                try await client.post("/v1/ratings", json: body, headers: [.authorization: "Bearer " + token]).status
                    == .created)
            #expect(
                try await client.get("/v1/admin/status", headers: [.authorization: "Bearer " + token]).status == .ok)
            // Reads stay open.
            #expect(try await client.get("/v1/items/\(saved.training.itemIDs.id(at: 0))/similar").status == .ok)
        }
        #expect(try await harness.service.store.ratingCount() == saved.training.count + 1)
    }

    @Test("metrics count requests by route and status, and ratings ingested")
    func metrics() async throws {
        let harness = try await ServerHarness.sample()
        let saved = harness.service.live.model.saved
        try await harness.run { client in
            _ = try await client.get("/v1/users/\(saved.training.userIDs.id(at: 0))/recommendations")
            _ = try await client.get("/v1/users/nobody/recommendations")
            _ = try await client.post(
                "/v1/ratings",
                json: #"[{"user": "a", "item": "b", "rating": 3}, {"user": "a", "item": "c", "rating": 4}]"#)
            let text = try await client.get("/metrics").text
            #expect(
                text.contains(
                    #"reco_http_requests_total{route="/v1/users/{id}/recommendations",method="GET",status="200"} 1"#),
                "\(text)")
            #expect(
                text.contains(
                    #"reco_http_requests_total{route="/v1/users/{id}/recommendations",method="GET",status="404"} 1"#))
            #expect(text.contains("reco_http_request_duration_seconds_bucket{"))
            #expect(text.contains("reco_ratings_ingested_total 2"))
            #expect(text.contains("reco_model_version 1"))
        }
    }
}
