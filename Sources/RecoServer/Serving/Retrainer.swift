public import Foundation
import Reco

/// Retrains the served model in the background from every rating in the database, with the
/// model's own kind and hyperparameters, writes the new model file atomically and swaps it in.
/// Requests keep being answered from the old model until the swap.
public final class Retrainer: Sendable {
    /// What the retrainer is doing.
    public enum Phase: Sendable, Equatable {
        /// Nothing has been asked, or the last retrain finished.
        case idle
        /// A retrain started at this time is running.
        case running(since: Date)
        /// The last retrain failed with this message.
        case failed(String)
    }

    /// The state shown by `/v1/admin/status`.
    public struct Status: Sendable, Equatable {
        /// What it is doing now.
        public var phase: Phase = .idle
        /// How many retrains finished.
        public var completed = 0
        /// How long the last finished retrain took.
        public var lastSeconds: Double?
    }

    private let live: LiveModel
    private let store: RatingStore
    private let modelPath: String
    private let metrics: ServerMetrics
    private let status = Locked(Status())

    /// A retrainer that swaps models into `live`, writing them to `modelPath`.
    public init(live: LiveModel, store: RatingStore, modelPath: String, metrics: ServerMetrics) {
        self.live = live
        self.store = store
        self.modelPath = modelPath
        self.metrics = metrics
    }

    /// The current status.
    public var current: Status { status.withLock { $0 } }

    /// Starts a retrain in the background; `false` when one is already running.
    @discardableResult
    public func start() -> Bool {
        let started = status.withLock { status -> Bool in
            if case .running = status.phase { return false }
            status.phase = .running(since: Date())
            return true
        }
        guard started else { return false }
        Task.detached(priority: .utility) {
            await self.run()
        }
        return true
    }

    /// Retrains now and returns when the new model serves (or the retrain failed).
    public func run() async {
        let clock = ContinuousClock()
        let start = clock.now
        do {
            let version = try await retrain()
            let seconds = (clock.now - start).seconds
            metrics.retrained(seconds: seconds, version: version)
            status.withLock { status in
                status.phase = .idle
                status.completed += 1
                status.lastSeconds = seconds
            }
        } catch {
            status.withLock { $0.phase = .failed("\(error)") }
        }
    }

    /// Reads the model file again — replaced since by `reco import-spark --out`, `reco train --out`
    /// or a deploy, each of which writes it atomically — and serves it: a new model version, the
    /// stored ratings it was not trained on folded in, posted items and users kept. `nil` (nothing
    /// done) while a retrain runs; a retrain is refused while the file is read.
    ///
    /// - Throws: `ModelFileError` when the file cannot be read; the old model keeps serving.
    public func reload() async throws -> Int? {
        let began = status.withLock { status -> Bool in
            if case .running = status.phase { return false }
            status.phase = .running(since: Date())
            return true
        }
        guard began else { return nil }
        defer { status.withLock { $0.phase = .idle } }
        let path = modelPath
        let saved = try await DedicatedThread.run(name: "reco reload") { try SavedModel.read(path) }
        let stored = try await store.ratings(after: 0)
        let version = try await store.recordModel(
            ModelRecord(
                kind: saved.kind.name, trainedAt: saved.trainedAt, ratingCount: saved.training.count, lastRatingID: 0,
                seconds: 0))
        live.replace(
            with: ServedModel(saved: saved, version: version, lastRatingID: 0), untrained: saved.untrained(stored),
            readThrough: stored.last?.id ?? 0)
        metrics.serving(version: version)
        return version
    }

    private func retrain() async throws -> Int {
        let old = live.model.saved
        let (training, lastRatingID) = try await store.ratingMatrix()
        guard training.count > 0 else { throw ModelError.missingInput("the database holds no ratings") }
        // Known items and users keep their features, posted ones get theirs, and the rest zeros.
        var itemFeatures = old.model.trainedItemFeatures?.reordered(from: old.training.itemIDs, to: training.itemIDs)
        var userFeatures = old.model.trainedUserFeatures?.reordered(from: old.training.userIDs, to: training.userIDs)
        for profile in live.profiles {
            switch profile.side {
            case .item:
                guard let index = training.itemIDs.index(of: profile.id),
                    let row = try? old.itemFeatureRow(profile.features)
                else { continue }
                for (column, value) in row.enumerated() { itemFeatures?.matrix[index, column] = value }
            case .user:
                guard let index = training.userIDs.index(of: profile.id),
                    let row = try? old.userFeatureRow(profile.features)
                else { continue }
                for (column, value) in row.enumerated() { userFeatures?.matrix[index, column] = value }
            }
        }
        let source = "reco serve: retrained from \(store.path)"
        let modelPath = modelPath
        let (items, users) = (itemFeatures, userFeatures)
        let postedTitles = Dictionary(
            live.profiles.compactMap { profile in profile.title.map { (profile.id, $0) } },
            uniquingKeysWith: { _, last in last })
        let (saved, seconds) = try await DedicatedThread.run(name: "reco retrain") {
            () throws -> (SavedModel, Double) in
            let clock = ContinuousClock()
            let start = clock.now
            let model = try old.kind.fit(
                TrainingData(ratings: training, itemFeatures: items, userFeatures: users),
                parameters: old.parameters)
            let seconds = (clock.now - start).seconds
            let titles =
                old.itemTitles.isEmpty && postedTitles.isEmpty
                ? []
                : training.itemIDs.ids.map { id in
                    old.training.itemIDs.index(of: id).flatMap { old.itemTitles.isEmpty ? nil : old.itemTitles[$0] }
                        ?? postedTitles[id] ?? ""
                }
            let saved = SavedModel(
                model: model, parameters: old.parameters, training: training, itemTitles: titles, source: source)
            try saved.write(to: modelPath)
            return (saved, seconds)
        }
        let version = try await store.recordModel(
            ModelRecord(
                kind: saved.kind.name, trainedAt: saved.trainedAt, ratingCount: training.count,
                lastRatingID: lastRatingID, seconds: seconds))
        live.swap(to: ServedModel(saved: saved, version: version, lastRatingID: lastRatingID))
        return version
    }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}
