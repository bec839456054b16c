import Foundation
import GRDB
import Reco
import RecoServer
import RecoTestSupport
import Synchronization
import Testing

@Suite("Durability")
struct DurabilityTests {
    @Test("kill -9 mid-stream: every acknowledged rating is stored, no batch is half there", .timeLimit(.minutes(4)))
    func killNine() async throws {
        let folder = NSTemporaryDirectory() + "reco-durability-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let dataset = SampleCatalog.generate()
        let model = try ModelKind.biasedMF.fit(
            dataset.ratings, parameters: ModelParameters(["factors": "8", "epochs": "10"]))
        let saved = SavedModel(
            model: model, parameters: ModelParameters(["factors": "8", "epochs": "10"]), training: dataset.ratings)
        try saved.write(to: folder + "/model.reco")
        let arguments = ["--model", folder + "/model.reco", "--db", folder + "/reco.sqlite"]
        let items = (0..<saved.training.itemCount).map { saved.training.itemIDs.id(at: $0) }
        let batchSize = 20

        let server = try ServerProcess(arguments: arguments)
        // Four clients post batches, each batch one new user's 20 ratings, until the server dies.
        let tally = Tally()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for client in 0..<4 {
                group.addTask {
                    for batch in 0..<100_000 where !Task.isCancelled {
                        let user = "d-\(client)-\(batch)"
                        let ratings = (0..<batchSize).map { k in
                            #"{"user": "\#(user)", "item": "\#(items[(batch * 7 + k * 13 + client) % items.count])", "rating": \#(1 + (k % 5))}"#
                        }
                        tally.sent.withLock { $0 += 1 }
                        let (status, _) = await server.request(
                            "POST", "/v1/ratings", json: "[" + ratings.joined(separator: ",") + "]")
                        if status == 0 { return }  // the server is gone
                        #expect(status == 201)
                        if status == 201 { tally.acknowledged.withLock { $0.append(user) } }
                    }
                }
            }
            // Kill the server while the clients are mid-stream.
            do {
                try await waitUntil("150 acknowledged batches", timeout: .seconds(120), interval: .milliseconds(5)) {
                    tally.acknowledged.withLock { $0.count } >= 150
                }
            } catch {
                server.stop(signal: SIGKILL)
                throw error
            }
            server.stop(signal: SIGKILL)
            try await group.waitForAll()
        }
        let acked = tally.acknowledged.withLock { $0 }

        // The database as SQLite sees it after the crash: whole batches only.
        let queue = try DatabaseQueue(path: folder + "/reco.sqlite")
        let counts = try await queue.read { db in
            try Row.fetchAll(db, sql: "SELECT user, COUNT(*) FROM rating WHERE user LIKE 'd-%' GROUP BY user").map {
                (row: Row) -> (String, Int) in
                (row[0], row[1])
            }
        }
        try queue.close()
        let stored = Dictionary(uniqueKeysWithValues: counts)
        #expect(
            stored.values.allSatisfy { $0 == batchSize },
            "half-stored batches: \(stored.filter { $0.value != batchSize })")
        let missing = acked.filter { stored[$0] != batchSize }
        #expect(missing.isEmpty, "acknowledged but missing: \(missing)")

        // Restarted, the server serves every acknowledged rating.
        let restarted = try ServerProcess(arguments: arguments)
        for user in acked.prefix(40) {
            let (status, body) = await restarted.request("GET", "/v1/users/\(user)/ratings")
            #expect(status == 200)
            let object = try JSONSerialization.jsonObject(with: body) as? [String: Any]
            #expect((object?["ratings"] as? [Any])?.count == batchSize)
        }
        let (status, _) = await restarted.request("GET", "/v1/users/\(acked[0])/recommendations")
        #expect(status == 200)
        // SIGTERM shuts down gracefully.
        #expect(restarted.stop(signal: SIGTERM) == 0)
        #expect(restarted.remainingOutput().contains("Stopped"))
        print(
            "durability: \(tally.sent.withLock { $0 }) batches sent, \(acked.count) acknowledged (\(acked.count * batchSize) ratings), "
                + "\(stored.count) batches in the database after kill -9 (\(stored.count - acked.count) committed but not acknowledged), "
                + "0 half-stored, 0 acknowledged missing")
    }
}

/// What the durability test's clients sent and had acknowledged.
final class Tally: Sendable {
    let acknowledged = Mutex<[String]>([])
    let sent = Mutex(0)
}
