import Dispatch
public import Reco

/// The model the service answers from, plus what it learned since training, behind one lock.
///
/// Readers take a snapshot (a reference to the immutable `ServedModel` and a copy of one user's
/// updates) and do their work outside the lock, so a retrain swaps the model in one step: a
/// request sees the old model or the new one, never a mix.
public final class LiveModel: Sendable {
    struct State {
        var model: ServedModel
        var users: [String: UserUpdates] = [:]
        /// New items and users posted with their features, in the order posted.
        var profiles: [StoredProfile] = []
        /// The posted items the served model does not know, as it reads their features.
        var postedItems = PostedItems()
        /// The features of new users, as the served model reads them.
        var userFeatures: [String: [Float]] = [:]
        /// Ratings of items the model does not know yet: their sum and count.
        var newItems: [String: (sum: Double, count: Int)] = [:]
        var ratingsSinceTraining = 0
    }

    private let state: Locked<State>

    /// Serves `model`.
    public init(_ model: ServedModel) {
        state = Locked(State(model: model))
    }

    /// The model being served.
    public var model: ServedModel { state.withLock { $0.model } }

    /// Items the served model does not know, posted with their features: ids, titles and rows in
    /// the model's feature order.
    public struct PostedItems: Sendable {
        /// Their ids, in the order posted.
        public var ids = IDMap()
        /// Their titles, when given.
        public var titles: [String?] = []
        /// Their features, one row each.
        public var features = DenseMatrix(rows: 0, columns: 0)
    }

    /// The posted items the served model can rank by their features.
    public var postedItems: PostedItems { state.withLock { $0.postedItems } }

    /// The items and users posted with their features, in the order posted.
    public var profiles: [StoredProfile] { state.withLock { $0.profiles } }

    /// The features of a user posted with `POST /v1/users`, as the served model reads them.
    public func userFeatures(_ user: String) -> [Float]? { state.withLock { $0.userFeatures[user] } }

    /// Serves a posted item or user from now on (its features already checked against the model).
    public func add(_ profile: StoredProfile) {
        state.withLock { state in
            state.profiles.removeAll { $0.side == profile.side && $0.id == profile.id }
            state.profiles.append(profile)
            Self.derive(&state)
        }
    }

    /// The new items and user features `state.profiles` give under `state.model`: profiles whose
    /// id the model now knows, or whose features it cannot read, are left out.
    private static func derive(_ state: inout State) {
        let saved = state.model.saved
        var ids: [String] = []
        var titles: [String?] = []
        var rows: [[Float]] = []
        var userFeatures: [String: [Float]] = [:]
        for profile in state.profiles {
            switch profile.side {
            case .item:
                guard saved.training.itemIDs.index(of: profile.id) == nil,
                    let row = try? saved.itemFeatureRow(profile.features)
                else { continue }
                ids.append(profile.id)
                titles.append(profile.title)
                rows.append(row)
            case .user:
                guard saved.training.userIDs.index(of: profile.id) == nil,
                    let row = try? saved.userFeatureRow(profile.features)
                else { continue }
                userFeatures[profile.id] = row
            }
        }
        let columns = saved.model.itemFeatureNames.count
        state.postedItems = PostedItems(
            ids: IDMap(ids), titles: titles,
            features: DenseMatrix(rows: rows.count, columns: columns, storage: rows.flatMap { $0 }))
        state.userFeatures = userFeatures
    }

    /// How many ratings arrived since the served model was trained.
    public var ratingsSinceTraining: Int { state.withLock { $0.ratingsSinceTraining } }

    /// The served model and what is known of `user` since it was trained.
    public func snapshot(user: String) -> (model: ServedModel, updates: UserUpdates?) {
        state.withLock { ($0.model, $0.users[user]) }
    }

    /// The mean of the ratings `item` received, when the model does not know it yet (rated since
    /// training); `nil` otherwise.
    public func newItemMean(_ item: String) -> Float? {
        state.withLock { state in state.newItems[item].map { Float($0.sum / Double($0.count)) } }
    }

    // MARK: - Learning

    /// Applies stored ratings: each user's vector is re-solved (fold-in) with the item side fixed,
    /// so the next recommendation reflects them. Ratings the model was trained on are skipped.
    public func apply(_ ratings: [StoredRating]) {
        let touched: Set<String> = state.withLock { state in
            var touched = Set<String>()
            for rating in ratings where rating.id > state.model.lastRatingID {
                Self.record(rating, in: &state)
                touched.insert(rating.user)
            }
            return touched
        }
        // Solve outside the lock, on both cores when there are many users.
        let users = Array(touched)
        if users.count == 1 {
            _ = refreshed(user: users[0])
        } else {
            DispatchQueue.concurrentPerform(iterations: users.count) { index in _ = self.refreshed(user: users[index]) }
        }
    }

    /// The fold-in scores of `user`, re-solving their vector first when ratings arrived since;
    /// `nil` when the user has no updates or none of their rated items is known to the model.
    public func scores(user: String) -> (model: ServedModel, scores: [Float]?, updates: UserUpdates?) {
        let (model, updates) = refreshed(user: user)
        guard let updates else { return (model, nil, nil) }
        return (model, model.scores(updates), updates)
    }

    /// The user's updates with their fold-in current.
    private func refreshed(user: String) -> (model: ServedModel, updates: UserUpdates?) {
        let (model, updates) = snapshot(user: user)
        guard var updates, !updates.isCurrent else { return (model, updates) }
        model.refresh(user: user, updates: &updates)
        state.withLock { state in
            // Keep the result unless the model or the user's ratings changed meanwhile.
            guard state.model === model, let current = state.users[user], current.ratingIDs == updates.ratingIDs else {
                return
            }
            state.users[user] = updates
        }
        return (model, updates)
    }

    /// Keeps `rating` as an update of its user (and of its item, when the model does not know it).
    private static func record(_ rating: StoredRating, in state: inout State) {
        state.users[rating.user, default: UserUpdates()].apply(rating)
        if state.model.saved.training.itemIDs.index(of: rating.item) == nil {
            state.newItems[rating.item, default: (0, 0)].sum += Double(rating.rating)
            state.newItems[rating.item, default: (0, 0)].count += 1
        }
        state.ratingsSinceTraining += 1
    }

    // MARK: - Swapping

    /// Serves `model`, a model file read again (trained elsewhere: Spark, another `reco train`), in
    /// place of the current one. Its updates are `untrained`, the stored ratings it was not trained
    /// on, plus what arrived after the store was read (ratings with ids above `readThrough`); users
    /// are re-solved when next asked for.
    public func replace(with model: ServedModel, untrained: [StoredRating], readThrough: Int64) {
        state.withLock { state in
            var ratings = untrained
            for (user, updates) in state.users {
                guard let later = updates.after(readThrough) else { continue }
                for position in later.items.indices {
                    ratings.append(
                        StoredRating(
                            id: later.ratingIDs[position], user: user, item: later.items[position],
                            rating: later.ratings[position], timestamp: 0))
                }
            }
            state.model = model
            state.users = [:]
            state.newItems = [:]
            state.ratingsSinceTraining = 0
            Self.derive(&state)
            for rating in ratings { Self.record(rating, in: &state) }
        }
    }

    /// Serves `model` from now on. Updates it was trained on are dropped; newer ones stay and are
    /// folded into the new model when the user is next asked for.
    public func swap(to model: ServedModel) {
        state.withLock { state in
            state.model = model
            Self.derive(&state)
            var users: [String: UserUpdates] = [:]
            var newItems: [String: (sum: Double, count: Int)] = [:]
            var count = 0
            for (user, updates) in state.users {
                guard let kept = updates.after(model.lastRatingID) else { continue }
                users[user] = kept
                count += kept.items.count
                for (item, rating) in zip(kept.items, kept.ratings)
                where model.saved.training.itemIDs.index(of: item) == nil {
                    newItems[item, default: (0, 0)].sum += Double(rating)
                    newItems[item, default: (0, 0)].count += 1
                }
            }
            state.users = users
            state.newItems = newItems
            state.ratingsSinceTraining = count
        }
    }
}
