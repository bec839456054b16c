import Foundation
import GRDB
public import Reco

/// The service's database: every rating it received (the source of truth for the next retrain)
/// and a row per model version it served. SQLite through GRDB, in WAL mode, with
/// `synchronous = FULL` so that a committed transaction survives a crash of the process or the
/// machine; the schema comes from GRDB migrations.
public final class RatingStore: Sendable {
    /// The database file.
    public let path: String
    private let pool: DatabasePool
    private let pending = Locked(PendingWrites())

    private struct PendingBatch: Sendable {
        var ratings: [StoredRating]
        var continuation: CheckedContinuation<[Int64], any Error>
    }

    private struct PendingWrites: Sendable {
        var batches: [PendingBatch] = []
        var flushing = false
    }

    /// Opens (or creates) the database at `path` and brings its schema up to date.
    public init(path: String) throws(StoreError) {
        self.path = path
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            try Self.migrator.migrate(pool)
        } catch {
            throw .database(path: path, reason: "\(error)")
        }
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("1-ratings") { db in
            try db.create(table: "rating") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("user", .text).notNull()
                table.column("item", .text).notNull()
                table.column("rating", .double).notNull()
                table.column("timestamp", .integer).notNull()
            }
            try db.create(index: "rating_by_user", on: "rating", columns: ["user", "id"])
        }
        migrator.registerMigration("2-models") { db in
            try db.create(table: "model") { table in
                table.autoIncrementedPrimaryKey("version")
                table.column("kind", .text).notNull()
                table.column("trainedAt", .text).notNull()
                table.column("ratingCount", .integer).notNull()
                table.column("lastRatingID", .integer).notNull()
                table.column("seconds", .double).notNull()
            }
        }
        migrator.registerMigration("3-profiles") { db in
            try db.create(table: "profile") { table in
                table.column("side", .text).notNull()
                table.column("id", .text).notNull()
                table.column("title", .text)
                table.column("features", .text).notNull()
                table.primaryKey(["side", "id"])
            }
        }
        return migrator
    }

    // GRDB runs the work on its own threads: a request waiting for a commit does not hold one of
    // Swift's cooperative threads.
    private func run<T: Sendable>(_ work: @escaping @Sendable (Database) throws -> T) async throws(StoreError) -> T {
        do { return try await pool.write(work) } catch { throw .database(path: path, reason: "\(error)") }
    }

    private func read<T: Sendable>(_ work: @escaping @Sendable (Database) throws -> T) async throws(StoreError) -> T {
        do { return try await pool.read(work) } catch { throw .database(path: path, reason: "\(error)") }
    }

    // MARK: - Ratings

    /// Stores `ratings` and returns their row ids once they are committed and durable: either all
    /// of them are, or (on an error) none is.
    ///
    /// Group commit: batches that arrive while a transaction is being written wait and are written
    /// together in the next one, so concurrent clients share one fsync instead of queueing for one
    /// each. A batch is never split across transactions.
    @discardableResult
    public func insert(_ ratings: [StoredRating]) async throws(StoreError) -> [Int64] {
        do {
            return try await withCheckedThrowingContinuation { continuation in
                let leads = pending.withLock { pending -> Bool in
                    pending.batches.append(PendingBatch(ratings: ratings, continuation: continuation))
                    guard !pending.flushing else { return false }
                    pending.flushing = true
                    return true
                }
                if leads { Task { await self.flush() } }
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw .database(path: path, reason: "\(error)")
        }
    }

    /// Writes waiting batches, a transaction per round, until none is left.
    private func flush() async {
        while true {
            let batches = pending.withLock { pending -> [PendingBatch] in
                let taken = pending.batches
                pending.batches = []
                if taken.isEmpty { pending.flushing = false }
                return taken
            }
            guard !batches.isEmpty else { return }
            let ratings = batches.map(\.ratings)
            do {
                let ids = try await run { db in
                    let statement = try db.cachedStatement(
                        sql: "INSERT INTO rating (user, item, rating, timestamp) VALUES (?, ?, ?, ?)")
                    return try ratings.map { batch in
                        try batch.map { rating in
                            try statement.execute(arguments: [
                                rating.user, rating.item, Double(rating.rating), rating.timestamp,
                            ])
                            return db.lastInsertedRowID
                        }
                    }
                }
                for (batch, ids) in zip(batches, ids) { batch.continuation.resume(returning: ids) }
            } catch {
                for batch in batches { batch.continuation.resume(throwing: error) }
            }
        }
    }

    /// The number of stored ratings.
    public func ratingCount() async throws(StoreError) -> Int {
        try await read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM rating") ?? 0 }
    }

    /// The ratings of `user`, oldest first.
    public func ratings(ofUser user: String) async throws(StoreError) -> [StoredRating] {
        try await read { db in
            try Row.fetchAll(
                db, sql: "SELECT id, user, item, rating, timestamp FROM rating WHERE user = ? ORDER BY id",
                arguments: [user]
            )
            .map(StoredRating.init(row:))
        }
    }

    /// Every rating with a row id above `id`, in the order they arrived.
    public func ratings(after id: Int64) async throws(StoreError) -> [StoredRating] {
        try await read { db in
            try Row.fetchAll(
                db, sql: "SELECT id, user, item, rating, timestamp FROM rating WHERE id > ? ORDER BY id",
                arguments: [id]
            )
            .map(StoredRating.init(row:))
        }
    }

    /// Every stored rating as a rating matrix (a later rating of the same user and item replaces an
    /// earlier one), with the row id of the last rating it holds.
    public func ratingMatrix() async throws(StoreError) -> (matrix: RatingMatrix, lastRatingID: Int64) {
        try await read { db in
            var users = IDMap()
            var items = IDMap()
            var list = RatingList()
            var last: Int64 = 0
            let cursor = try Row.fetchCursor(
                db, sql: "SELECT id, user, item, rating, timestamp FROM rating ORDER BY id")
            while let row = try cursor.next() {
                let user: String = row[1]
                let item: String = row[2]
                let rating: Double = row[3]
                let timestamp: Int64 = row[4]
                list.append(
                    user: users.insert(user), item: items.insert(item), value: Float(rating), timestamp: timestamp)
                last = row[0]
            }
            return (RatingMatrix(userIDs: users, itemIDs: items, ratings: list), last)
        }
    }

    // MARK: - New items and users

    /// Stores (or replaces) a new item's or user's profile; it is durable when this returns.
    public func save(_ profile: StoredProfile) async throws(StoreError) {
        try await run { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO profile (side, id, title, features) VALUES (?, ?, ?, ?)",
                arguments: [profile.side.rawValue, profile.id, profile.title, profile.features])
        }
    }

    /// Every stored profile, items then users, each in id order.
    public func profiles() async throws(StoreError) -> [StoredProfile] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT side, id, title, features FROM profile ORDER BY side, id").compactMap {
                row in
                guard let side = StoredProfile.Side(rawValue: row[0]) else { return nil }
                return StoredProfile(side: side, id: row[1], title: row[2], features: row[3])
            }
        }
    }

    // MARK: - Model versions

    /// Records a model version the service serves and returns its version number.
    @discardableResult
    public func recordModel(_ record: ModelRecord) async throws(StoreError) -> Int {
        try await run { db in
            try db.execute(
                sql: "INSERT INTO model (kind, trainedAt, ratingCount, lastRatingID, seconds) VALUES (?, ?, ?, ?, ?)",
                arguments: [record.kind, record.trainedAt, record.ratingCount, record.lastRatingID, record.seconds])
            return Int(db.lastInsertedRowID)
        }
    }

    /// The newest model version recorded, if any.
    public func latestModel() async throws(StoreError) -> (version: Int, record: ModelRecord)? {
        try await read { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql:
                        "SELECT version, kind, trainedAt, ratingCount, lastRatingID, seconds FROM model ORDER BY version DESC LIMIT 1"
                )
            else { return nil }
            return (
                row[0],
                ModelRecord(kind: row[1], trainedAt: row[2], ratingCount: row[3], lastRatingID: row[4], seconds: row[5])
            )
        }
    }
}

/// One model version the service trained or loaded.
public struct ModelRecord: Sendable, Equatable {
    /// The model kind.
    public var kind: String
    /// When it was trained (ISO 8601).
    public var trainedAt: String
    /// How many ratings it was trained on.
    public var ratingCount: Int
    /// The row id of the newest rating it was trained on.
    public var lastRatingID: Int64
    /// How long training took.
    public var seconds: Double

    /// A record of a model version.
    public init(kind: String, trainedAt: String, ratingCount: Int, lastRatingID: Int64, seconds: Double) {
        self.kind = kind
        self.trainedAt = trainedAt
        self.ratingCount = ratingCount
        self.lastRatingID = lastRatingID
        self.seconds = seconds
    }
}

extension StoredRating {
    init(row: Row) {
        self.init(id: row[0], user: row[1], item: row[2], rating: Float(row[3] as Double), timestamp: row[4])
    }
}
