import Foundation

/// A trained model with everything needed to serve it: its kind and hyperparameters, the training
/// ratings (ids, each user's rated items for exclusion, popularity for fallbacks), item titles and
/// when and from what it was trained. This is what a `.reco` file holds.
public struct SavedModel: Sendable {
    /// The model kind.
    public var kind: ModelKind
    /// The hyperparameters it was trained with.
    public var parameters: ModelParameters
    /// The trained model.
    public var model: any RatingModel
    /// The training ratings with their ids.
    public var training: RatingMatrix
    /// Item titles by item index (empty when unknown).
    public var itemTitles: [String]
    /// When it was trained (ISO 8601).
    public var trainedAt: String
    /// What it was trained from (a path).
    public var source: String

    /// Wraps a trained model.
    public init(
        kind: ModelKind, parameters: ModelParameters, model: any RatingModel, training: RatingMatrix, itemTitles: [String] = [],
        trainedAt: String? = nil, source: String = ""
    ) {
        precondition(model.userCount == training.userCount && model.itemCount == training.itemCount, "model and training data differ in size")
        self.kind = kind
        self.parameters = parameters
        self.model = model
        self.training = training
        self.itemTitles = itemTitles
        self.trainedAt = trainedAt ?? ISO8601DateFormatter().string(from: Date())
        self.source = source
    }

    // MARK: - Files

    /// The model as an archive.
    public func archive() -> ModelArchive {
        var archive = ModelArchive()
        archive.fields["kind"] = kind.rawValue
        archive.fields["parameters"] = parameters.description
        archive.fields["trained-at"] = trainedAt
        archive.fields["source"] = source
        archive.strings["item-titles"] = itemTitles
        training.archive(into: &archive, prefix: "training.")
        kind.archive(model, into: &archive)
        return archive
    }

    /// Writes the model file atomically.
    public func write(to path: String) throws(WriteError) {
        try ModelFile.write(archive(), to: path)
    }

    /// Reads a model file, checking its integrity and consistency.
    public static func read(_ path: String) throws(ModelFileError) -> SavedModel {
        try unarchive(ModelFile.read(path), file: path)
    }

    /// Rebuilds a model from an archive; `file` names the source in errors.
    public static func unarchive(_ archive: ModelArchive, file: String) throws(ModelFileError) -> SavedModel {
        let kindName = try archive.field("kind", file: file)
        guard let kind = ModelKind(rawValue: kindName) else { throw .malformed(path: file, reason: "unknown model kind '\(kindName)'") }
        let parameters: ModelParameters
        do {
            parameters = try ModelParameters.parse(try archive.field("parameters", file: file))
        } catch let error as ModelFileError {
            throw error
        } catch {
            throw .malformed(path: file, reason: "parameters: \(error)")
        }
        let training = try RatingMatrix.unarchive(archive, prefix: "training.", file: file)
        let titles = archive.strings["item-titles"] ?? []
        guard titles.isEmpty || titles.count == training.itemCount else { throw .malformed(path: file, reason: "titles do not match the items") }
        let model = try kind.unarchive(archive, training: training, file: file)
        return SavedModel(
            kind: kind, parameters: parameters, model: model, training: training, itemTitles: titles,
            trainedAt: archive.fields["trained-at"] ?? "", source: archive.fields["source"] ?? "")
    }

    // MARK: - Serving

    /// An item in a result, with its id and title.
    public struct Entry: Sendable, Equatable {
        /// The item's id.
        public var id: String
        /// The item's title, when known.
        public var title: String?
        /// The score it was ranked by.
        public var score: Float
    }

    /// Where a recommendation list came from.
    public enum Source: String, Sendable {
        /// The trained user's own vector.
        case model
        /// A vector solved on the spot from the items given (the user was not in training).
        case foldIn = "fold-in"
        /// Nothing is known of the user: the most popular items.
        case popularity
    }

    /// The title of item `index`, if known.
    public func title(ofItem index: Int) -> String? {
        index < itemTitles.count && !itemTitles[index].isEmpty ? itemTitles[index] : nil
    }

    /// The index of user `id`, or an error naming it with the closest known ids.
    public func userIndex(_ id: String) throws(LookupError) -> Int {
        guard let index = training.userIDs.index(of: id) else { throw .unknownUser(id: id, suggestions: training.userIDs.closest(to: id)) }
        return index
    }

    /// The index of item `id` (or of the item titled `id`), or an error naming it with the closest
    /// known ids.
    public func itemIndex(_ id: String) throws(LookupError) -> Int {
        if let index = training.itemIDs.index(of: id) { return index }
        if let index = itemTitles.firstIndex(of: id) ?? itemTitles.firstIndex(where: { $0.lowercased() == id.lowercased() }) {
            return index
        }
        // An id-like query (no spaces) is compared with ids, anything else with titles.
        let looksLikeID = itemTitles.isEmpty || !id.contains(" ")
        let suggestions = looksLikeID ? training.itemIDs.closest(to: id) : IDMap(itemTitles).closest(to: id)
        throw .unknownItem(id: id, suggestions: suggestions)
    }

    /// Ids, titles and scores of ranked item indices.
    public func entries(_ items: [ScoredItem]) -> [Entry] {
        items.map { Entry(id: training.itemIDs.id(at: $0.item), title: title(ofItem: $0.item), score: $0.score) }
    }

    /// The `count` best-scored items, leaving out `excluded` (item indices).
    public func top(_ scores: [Float], count: Int, excluding excluded: Set<Int> = []) -> [Entry] {
        var top = TopK(capacity: count)
        for (item, score) in scores.enumerated() where !excluded.contains(item) { top.insert(item: item, score: score) }
        return entries(top.sorted())
    }

    /// The `count` items with the most training ratings, leaving out `excluded` (item indices).
    public func popular(count: Int, excluding excluded: Set<Int> = []) -> [Entry] {
        top((0..<itemCount).map { Float(training.ratingCount(ofItem: $0)) }, count: count, excluding: excluded)
    }

    /// The score of every item for a user known only by the given ratings (item indices and
    /// values): the user's vector re-solved with the item side fixed (see `FoldIn`).
    public func foldInScores(items: [Int], ratings: [Float]) -> [Float] {
        FoldIn.scores(model, items: items, ratings: ratings)
    }

    /// `value` clipped to the training rating scale (rating models; ranking scores pass through).
    public func clipped(_ value: Float) -> Float {
        guard let scale = training.ratingScale, !kind.ranksOnly else { return value }
        return min(max(value, scale.lowerBound), scale.upperBound)
    }

    /// The top `count` items for a known user, leaving out what they rated unless `includeRated`.
    public func recommend(user id: String, count: Int, includeRated: Bool = false) throws(LookupError) -> (source: Source, items: [Entry]) {
        let user = try userIndex(id)
        if training.ratingCount(ofUser: user) == 0 {
            return (.popularity, popular(count: count))
        }
        let excluded = includeRated ? [] : training.userItems[training.userRange(user)].map(Int.init)
        return (.model, entries(model.recommend(user: user, count: count, excluding: excluded)))
    }

    /// Recommendations for a user the model has not seen, from the items they liked (and, when
    /// given, their ratings): fold-in, without retraining. The given items are left out.
    public func recommend(forItems ids: [String], ratings: [Float]? = nil, count: Int) throws(LookupError) -> (source: Source, items: [Entry]) {
        let items = try ids.map { id throws(LookupError) in try itemIndex(id) }
        guard !items.isEmpty else {
            return (.popularity, popular(count: count))
        }
        let values = ratings ?? [Float](repeating: training.ratingScale?.upperBound ?? 1, count: items.count)
        return (.foldIn, top(FoldIn.scores(model, items: items, ratings: values), count: count, excluding: Set(items)))
    }

    /// The `count` items most similar to item `id`: cosine of item vectors, or the item–item
    /// similarity for k-NN models. Items with fewer than `minimumRatings` training ratings are left
    /// out (a factor model barely moves their vectors from the random start).
    public func similarItems(to id: String, count: Int, minimumRatings: Int = 0) throws(LookupError) -> [Entry] {
        let item = try itemIndex(id)
        var top = TopK(capacity: count)
        func offer(_ other: Int, _ score: Float) {
            if other != item && training.ratingCount(ofItem: other) >= minimumRatings { top.insert(item: other, score: score) }
        }
        switch model {
        case let knn as ItemKNN:
            for other in 0..<knn.itemCount { offer(other, knn.similarities[item, other]) }
            return entries(top.sorted())
        case let ease as EASE:
            // B_ij: how much interacting with i raises the score of j.
            for other in 0..<ease.itemCount { offer(other, ease.weights[item, other]) }
            return entries(top.sorted())
        case let knn as ImplicitItemKNN:
            let k = knn.neighborsPerItem
            for slot in 0..<k where knn.neighborItems[item * k + slot] >= 0 {
                offer(Int(knn.neighborItems[item * k + slot]), knn.neighborWeights[item * k + slot])
            }
            return entries(top.sorted())
        default:
            break
        }
        guard model.itemVectors != nil else { throw .noSimilarity(kind: kind.rawValue) }
        let ranked = (try? model.similarItems(to: item, count: itemCount - 1, metric: .cosine)) ?? []
        return entries(Array(ranked.lazy.filter { self.training.ratingCount(ofItem: $0.item) >= minimumRatings }.prefix(count)))
    }

    var itemCount: Int { training.itemCount }

    /// The `count` users most similar to user `id` (cosine of user vectors).
    public func similarUsers(to id: String, count: Int) throws(LookupError) -> [(id: String, score: Float)] {
        let user = try userIndex(id)
        guard model.userVectors != nil else { throw .noSimilarity(kind: kind.rawValue) }
        let ranked = (try? model.similarUsers(to: user, count: count, metric: .cosine)) ?? []
        return ranked.map { (training.userIDs.id(at: $0.item), $0.score) }
    }

    /// The predicted rating of item `itemID` by user `userID`, clipped to the training scale.
    public func predict(user userID: String, item itemID: String) throws(LookupError) -> Float {
        let user = try userIndex(userID)
        let item = try itemIndex(itemID)
        return clipped(model.predict(user: user, item: item))
    }
}

/// A user or item id the model does not know.
public enum LookupError: Error, CustomStringConvertible, Equatable {
    case unknownUser(id: String, suggestions: [String])
    case unknownItem(id: String, suggestions: [String])
    case noSimilarity(kind: String)

    public var description: String {
        switch self {
        case .unknownUser(let id, let suggestions):
            return "unknown user '\(id)'; did you mean \(suggestions.map { "'\($0)'" }.joined(separator: ", "))? (serve a new user with --items)"
        case .unknownItem(let id, let suggestions):
            return "unknown item '\(id)'; did you mean \(suggestions.map { "'\($0)'" }.joined(separator: ", "))?"
        case .noSimilarity(let kind):
            return "\(kind) has no vectors or similarities for this, so it cannot find similar ones"
        }
    }
}
