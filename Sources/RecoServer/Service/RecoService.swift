import Foundation
public import Hummingbird
public import Logging
import Reco

/// The recommendation service: a model in memory, its ratings in SQLite, a retrainer and the
/// HTTP routes, put together from a `ServerConfiguration`.
public struct RecoService: Sendable {
    /// The configuration it was started with.
    public let configuration: ServerConfiguration
    /// The model being served.
    public let live: LiveModel
    /// The ratings database.
    public let store: RatingStore
    /// The background retrainer.
    public let retrainer: Retrainer
    /// The metrics `/metrics` shows.
    public let metrics: ServerMetrics
    /// What happened while starting (database seeded, ratings replayed), for the log.
    public let startupReport: [String]

    /// Opens the database and the model: at the first start the database is filled from
    /// `importPath` (or from the model's own training ratings); ratings received after the model
    /// was trained are applied by fold-in.
    public static func start(_ configuration: ServerConfiguration) async throws -> RecoService {
        var report: [String] = []
        let saved = try SavedModel.read(configuration.modelPath)
        let store = try RatingStore(path: configuration.databasePath)
        var lastRatingID: Int64 = 0
        var version: Int
        let stored = try await store.ratingCount()
        if stored > 0, let importPath = configuration.importPath {
            report.append(
                "the database already holds \(stored) ratings: --import \(importPath) is only read into an empty one, so it was not read"
            )
        }
        if stored == 0 {
            let seed: [StoredRating]
            if let importPath = configuration.importPath {
                let ratings = try DatasetLoader().load(importPath).ratings
                seed = Self.storedRatings(ratings)
                report.append("imported \(seed.count) ratings from \(importPath)")
            } else {
                seed = Self.storedRatings(saved.training)
                report.append("stored the model's \(seed.count) training ratings (no --import given)")
            }
            lastRatingID = try await store.insert(seed).last ?? 0
            version = try await store.recordModel(Self.record(saved, lastRatingID: lastRatingID))
        } else if let latest = try await store.latestModel(), latest.record.trainedAt == saved.trainedAt,
            latest.record.kind == saved.kind.name
        {
            (version, lastRatingID) = (latest.version, latest.record.lastRatingID)
        } else {
            // A model the database has not seen: every stored rating it was not trained on is new.
            version = try await store.recordModel(Self.record(saved, lastRatingID: 0))
            report.append("model \(saved.trainedAt) is new to this database: version \(version)")
        }
        let live = LiveModel(ServedModel(saved: saved, version: version, lastRatingID: lastRatingID))
        let newer = saved.untrained(try await store.ratings(after: lastRatingID))
        if !newer.isEmpty {
            live.apply(newer)
            report.append("applied \(newer.count) ratings received since the model was trained")
        }
        let profiles = try await store.profiles()
        for profile in profiles { live.add(profile) }
        if !profiles.isEmpty { report.append("serving \(profiles.count) items and users posted with their features") }
        let metrics = ServerMetrics()
        metrics.serving(version: version)
        let retrainer = Retrainer(live: live, store: store, modelPath: configuration.modelPath, metrics: metrics)
        return RecoService(
            configuration: configuration, live: live, store: store, retrainer: retrainer, metrics: metrics,
            startupReport: report)
    }

    static func storedRatings(_ ratings: RatingMatrix) -> [StoredRating] {
        var result: [StoredRating] = []
        result.reserveCapacity(ratings.count)
        for user in 0..<ratings.userCount {
            let id = ratings.userIDs.id(at: user)
            for position in ratings.userRange(user) {
                result.append(
                    StoredRating(
                        user: id, item: ratings.itemIDs.id(at: Int(ratings.userItems[position])),
                        rating: ratings.userRatings[position],
                        timestamp: ratings.hasTimestamps ? ratings.userTimestamps[position] : 0))
            }
        }
        return result
    }

    static func record(_ saved: SavedModel, lastRatingID: Int64) -> ModelRecord {
        ModelRecord(
            kind: saved.kind.name, trainedAt: saved.trainedAt, ratingCount: saved.training.count,
            lastRatingID: lastRatingID, seconds: 0)
    }

    /// The service's routes over its model, database, retrainer and metrics.
    public var routes: RecoRoutes {
        RecoRoutes(live: live, store: store, retrainer: retrainer, metrics: metrics, bodyLimit: configuration.bodyLimit)
    }

    /// The routes, with the token check when a token is configured.
    public func router() -> Router<BasicRequestContext> {
        routes.router(token: configuration.token)
    }

    /// The HTTP application; `onListening` is called with the port once it accepts connections.
    public func application(
        logger: Logger, onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    )
        -> some ApplicationProtocol
    {
        Application(
            router: router(),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "reco"),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? 0) },
            logger: logger)
    }
}
