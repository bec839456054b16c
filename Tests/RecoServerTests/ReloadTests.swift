import Foundation
import Hummingbird
import HummingbirdTesting
import Reco
import RecoServer
import RecoTestSupport
import Testing

/// `POST /v1/admin/reload`: a model file replaced on disk (a Spark model imported over `--model`,
/// a nightly `reco train`) swapped into the running service.
@Suite("Reloading the model file")
struct ReloadTests {
    @Test(
        "reload serves the file written over --model as a new version, with the ratings it was not trained on folded in",
        .timeLimit(.minutes(2)))
    func reloadSwapsTheFileIn() async throws {
        let harness = try await ServerHarness.sample()
        let before = harness.service.live.model.saved
        let dataset = SampleCatalog.generate()
        let replacement = SavedModel(
            model: try ModelKind.als.fit(
                dataset.ratings, parameters: ModelParameters(["factors": "6", "epochs": "4"])),
            training: dataset.ratings, itemTitles: dataset.itemTitles, source: "trained elsewhere")
        let known = before.training.userIDs.id(at: 3)
        let item = before.training.itemIDs.id(at: 1)
        try await harness.run { client in
            let posted = try await client.post(
                "/v1/ratings", json: #"{"user": "late", "item": "\#(item)", "rating": 5}"#)
            #expect(posted.status == .created)
            try replacement.write(to: harness.modelPath)
            let reloaded = try await client.execute(uri: "/v1/admin/reload", method: .post)
            #expect(reloaded.status == .ok)
            #expect(reloaded.object["status"] as? String == "reloaded")
            #expect(reloaded.object["model_version"] as? Int == 2)
            let model = try await client.get("/v1/admin/status").object["model"] as? [String: Any]
            #expect(model?["kind"] as? String == "als" && model?["version"] as? Int == 2)
            // A trained user is answered from the new model's own vector…
            let list = try await client.get("/v1/users/\(known)/recommendations?count=5").object
            #expect(list["model_version"] as? Int == 2 && list["source"] as? String == "model")
            let ids = (list["items"] as? [[String: Any]])?.compactMap { $0["id"] as? String }
            #expect(ids == (try replacement.recommend(user: known, count: 5).items.map(\.id)))
            // …and the user it never saw, from the rating stored before the reload.
            let late = try await client.get("/v1/users/late/recommendations?count=5").object
            #expect(late["source"] as? String == "fold-in" && late["model_version"] as? Int == 2)
            #expect(try await client.get("/metrics").text.contains("reco_model_version 2"))
        }
    }

    @Test(
        "a model file that cannot be read is refused with 409 and the old model keeps serving", .timeLimit(.minutes(2)))
    func unreadableFileKeepsTheOldModel() async throws {
        let harness = try await ServerHarness.sample()
        let user = harness.service.live.model.saved.training.userIDs.id(at: 0)
        try await harness.run { client in
            Fixtures.file("model.reco", "not a model", in: harness.folder)
            let refused = try await client.execute(uri: "/v1/admin/reload", method: .post)
            #expect(refused.status == .conflict)
            #expect(refused.errorCode == "invalid_model_file")
            #expect((refused.object["detail"] as? String)?.contains("the old model still is") == true)
            let list = try await client.get("/v1/users/\(user)/recommendations").object
            #expect(list["model_version"] as? Int == 1)
            let status = try await client.get("/v1/admin/status").object
            #expect((status["retrain"] as? [String: Any])?["state"] as? String == "idle")
        }
    }
}
