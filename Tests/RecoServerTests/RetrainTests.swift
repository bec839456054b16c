import Foundation
import Hummingbird
import HummingbirdTesting
import Reco
import RecoServer
import RecoTestSupport
import Testing

@Suite("Retraining")
struct RetrainTests {
    /// Waits until the retrainer has finished `count` retrains (or failed).
    ///
    /// - Throws: `DeadlineExceeded` when none finished within `timeout`.
    static func waitForRetrains(
        _ service: RecoService, count: Int, timeout: Duration = .seconds(120)
    ) async throws -> Retrainer.Status {
        try await waitUntil("\(count) retrain(s) to finish", timeout: timeout, interval: .milliseconds(20)) {
            let status = service.retrainer.current
            if case .failed = status.phase { return true }
            return status.completed >= count
        }
        let status = service.retrainer.current
        if case .failed(let message) = status.phase { Issue.record("retrain failed: \(message)") }
        return status
    }

    @Test("retrain learns from the database, rewrites the model file and swaps it in", .timeLimit(.minutes(3)))
    func retrain() async throws {
        let harness = try await ServerHarness.sample()
        let service = harness.service
        let before = service.live.model.saved
        try await harness.run { client in
            let posted = try await client.post(
                "/v1/ratings",
                json:
                    #"[{"user": "late", "item": "\#(before.training.itemIDs.id(at: 1))", "rating": 5}, {"user": "late", "item": "fresh-item", "rating": 4}]"#
            )
            #expect(posted.status == .created)
            let accepted = try await client.execute(uri: "/v1/admin/retrain", method: .post)
            #expect(accepted.status == .accepted)
            _ = try await Self.waitForRetrains(service, count: 1)
            let status = try await client.get("/v1/admin/status").object
            let model = status["model"] as? [String: Any]
            #expect(model?["version"] as? Int == 2)
            #expect(model?["training_ratings"] as? Int == before.training.count + 2)
            #expect((status["ratings"] as? [String: Any])?["since_retrain"] as? Int == 0)
            #expect((status["ratings"] as? [String: Any])?["database"] as? Int == before.training.count + 2)
            #expect((status["retrain"] as? [String: Any])?["state"] as? String == "idle")
            // The new user is now in the model; the new item can be asked about.
            let recommendations = try await client.get("/v1/users/late/recommendations")
            #expect(recommendations.object["source"] as? String == "model")
            #expect(recommendations.object["model_version"] as? Int == 2)
            #expect(try await client.get("/v1/items/fresh-item/similar").object["source"] as? String == "model")
            let metrics = try await client.get("/metrics").text
            #expect(metrics.contains("reco_model_version 2"))
            #expect(metrics.contains("reco_retrain_duration_seconds_count 1"))
        }
        let written = try SavedModel.read(harness.modelPath)
        #expect(written.training.count == before.training.count + 2)
        #expect(written.kind == before.kind && written.parameters == before.parameters)
        #expect(written.training.userIDs.index(of: "late") != nil)
        #expect(
            written.itemTitles[written.training.itemIDs.index(of: before.training.itemIDs.id(at: 1))!]
                == before.itemTitles[1])
    }

    /// Epochs that keep a retrain running while requests are answered in a debug build; a
    /// sanitized build (`RECO_SANITIZED` set by Benchmarks/sanitizers.sh) runs 5–15× slower, so
    /// fewer do.
    static let longEpochs = ProcessInfo.processInfo.environment["RECO_SANITIZED"] == nil ? "150" : "30"

    @Test("a second retrain while one runs is refused with 409", .timeLimit(.minutes(3)))
    func oneAtATime() async throws {
        let harness = try await ServerHarness.sample(parameters: ["factors": "8", "epochs": Self.longEpochs])
        try await harness.run { client in
            #expect(try await client.execute(uri: "/v1/admin/retrain", method: .post).status == .accepted)
            let again = try await client.execute(uri: "/v1/admin/retrain", method: .post)
            #expect(again.status == .conflict)
            #expect(again.errorCode == "retrain_running")
            _ = try await Self.waitForRetrains(harness.service, count: 1)
        }
    }

    @Test("recommendations keep answering 200 with a full list while a retrain runs and swaps", .timeLimit(.minutes(3)))
    func consistencyDuringRetrain() async throws {
        // Enough epochs that the retrain takes a while in a debug build.
        let harness = try await ServerHarness.sample(parameters: ["factors": "16", "epochs": Self.longEpochs])
        let service = harness.service
        let users = (0..<50).map { service.live.model.saved.training.userIDs.id(at: $0) }
        try await harness.run { client in
            #expect(try await client.execute(uri: "/v1/admin/retrain", method: .post).status == .accepted)
            var answered = 0
            var versions = Set<Int>()
            var finished = false
            let deadline = ContinuousClock.now + .seconds(150)
            while !finished {
                #expect(ContinuousClock.now < deadline, "the retrain did not finish in 150 s")
                if ContinuousClock.now >= deadline { break }
                finished = service.retrainer.current.completed > 0
                let user = users[answered % users.count]
                let response = try await client.get("/v1/users/\(user)/recommendations?count=10")
                #expect(response.status == .ok)
                #expect(response.itemIDs.count == 10)
                versions.insert(response.object["model_version"] as? Int ?? 0)
                answered += 1
            }
            #expect(versions == [1, 2], "answers came from model versions \(versions.sorted())")
            #expect(answered > 20, "only \(answered) requests were made during the retrain")
        }
    }
}
