import Reco
import Dispatch
import Synchronization

/// The model the service answers from, plus what it learned since training, behind one lock.
///
/// Readers take a snapshot (a reference to the immutable `ServedModel` and a copy of one user's
/// updates) and do their work outside the lock, so a retrain swaps the model in one step: a
/// request sees the old model or the new one, never a mix.
public final class LiveModel: Sendable {
    struct State {
        var model: ServedModel
        var users: [String: UserUpdates] = [:]
        /// Ratings of items the model does not know yet: their sum and count.
        var newItems: [String: (sum: Double, count: Int)] = [:]
        var ratingsSinceTraining = 0
    }

    private let state: Mutex<State>

    /// Serves `model`.
    public init(_ model: ServedModel) {
        state = Mutex(State(model: model))
    }

    /// The model being served.
    public var model: ServedModel { state.withLock { $0.model } }

    /// How many ratings arrived since the served model was trained.
    public var ratingsSinceTraining: Int { state.withLock { $0.ratingsSinceTraining } }

    /// The served model and what is known of `user` since it was trained.
    public func snapshot(user: String) -> (model: ServedModel, updates: UserUpdates?) {
        state.withLock { ($0.model, $0.users[user]) }
    }

    /// Whether `item` has ratings the model has not been trained on (an item new to the model).
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
                state.users[rating.user, default: UserUpdates()].apply(rating)
                if state.model.saved.training.itemIDs.index(of: rating.item) == nil {
                    state.newItems[rating.item, default: (0, 0)].sum += Double(rating.rating)
                    state.newItems[rating.item, default: (0, 0)].count += 1
                }
                state.ratingsSinceTraining += 1
                touched.insert(rating.user)
            }
            return touched
        }
        // Solve outside the lock, on both cores when there are many users.
        let users = Array(touched)
        if users.count == 1 {
            _ = scores(user: users[0])
        } else {
            DispatchQueue.concurrentPerform(iterations: users.count) { index in _ = self.scores(user: users[index]) }
        }
    }

    /// The fold-in scores of `user`, computing them first when stale; `nil` when the user has no
    /// updates or none of their rated items is known to the model.
    public func scores(user: String) -> (model: ServedModel, scores: [Float]?, updates: UserUpdates?) {
        let (model, updates) = snapshot(user: user)
        guard var updates else { return (model, nil, nil) }
        if updates.scores != nil || updates.nothingToFoldIn { return (model, updates.scores, updates) }
        let scores = model.foldInScores(user: user, updates: updates)
        updates.scores = scores
        updates.nothingToFoldIn = scores == nil
        store(scores, user: user, model: model, basedOn: updates)
        return (model, scores, updates)
    }

    /// Keeps computed scores unless the model or the user's updates changed meanwhile.
    private func store(_ scores: [Float]?, user: String, model: ServedModel, basedOn updates: UserUpdates) {
        state.withLock { state in
            guard state.model === model, var current = state.users[user], current.ratingIDs == updates.ratingIDs,
                current.ratings == updates.ratings
            else { return }
            current.scores = scores
            current.nothingToFoldIn = scores == nil
            state.users[user] = current
        }
    }

    // MARK: - Swapping

    /// Serves `model` from now on. Updates it was trained on are dropped; newer ones stay and are
    /// folded into the new model when the user is next asked for.
    public func swap(to model: ServedModel) {
        state.withLock { state in
            state.model = model
            var users: [String: UserUpdates] = [:]
            var newItems: [String: (sum: Double, count: Int)] = [:]
            var count = 0
            for (user, updates) in state.users {
                guard let kept = updates.after(model.lastRatingID) else { continue }
                users[user] = kept
                count += kept.items.count
                for (item, rating) in zip(kept.items, kept.ratings) where model.saved.training.itemIDs.index(of: item) == nil {
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
