import Foundation

/// A trained model with everything needed to serve it: its kind and hyperparameters, the training
/// ratings (ids, each user's rated items for exclusion, popularity for fallbacks), item titles and
/// when and from what it was trained. This is what a `.reco` file holds.
public struct SavedModel: Sendable {
    /// The trained model.
    public let model: any TrainableModel
    /// The hyperparameters it was trained with, as given (the defaults fill the rest; the model's
    /// `configuration` holds every value).
    public let parameters: ModelParameters
    /// The training ratings with their ids.
    public let training: RatingMatrix
    /// Item titles by item index (empty when unknown).
    public let itemTitles: [String]
    /// When it was trained (ISO 8601).
    public let trainedAt: String
    /// What it was trained from (a path).
    public let source: String
    /// The training rating scale (lowest...highest rating), found once: `clipped` runs per answer.
    public let ratingScale: ClosedRange<Float>?

    /// Wraps a trained model.
    ///
    /// - Precondition: `model` knows the users and items of `training`, and `itemTitles` is empty
    ///   or has one title per item.
    public init(
        model: any TrainableModel, parameters: ModelParameters = ModelParameters(), training: RatingMatrix,
        itemTitles: [String] = [], trainedAt: String? = nil, source: String = ""
    ) {
        precondition(
            model.userCount == training.userCount && model.itemCount == training.itemCount,
            "model and training data differ in size")
        precondition(itemTitles.isEmpty || itemTitles.count == training.itemCount, "one title per item, or none")
        self.model = model
        self.parameters = parameters
        self.training = training
        self.itemTitles = itemTitles
        self.trainedAt = trainedAt ?? ISO8601DateFormatter().string(from: Date())
        self.source = source
        self.ratingScale = training.ratingScale
    }

    /// The model's kind.
    public var kind: ModelKind { ModelKind(type(of: model)) }

    // MARK: - Files

    /// The model as an archive: kind, parameters as given, the full configuration, the training
    /// ratings, titles, and the model's own arrays.
    public func archive() -> ModelArchive {
        var archive = ModelArchive()
        archive.fields["kind"] = kind.name
        archive.fields["parameters"] = parameters.description
        archive.fields["configuration"] = model.configurationParameters.description
        archive.fields["trained-at"] = trainedAt
        archive.fields["source"] = source
        archive.strings["item-titles"] = itemTitles
        training.archive(into: &archive, prefix: "training.")
        model.archive(into: &archive)
        return archive
    }

    /// Writes the model file atomically.
    ///
    /// - Throws: `WriteError` when the folder cannot be written; the old file, if any, is kept.
    public func write(to path: String) throws(WriteError) {
        try ModelFile.write(archive(), to: path)
    }

    /// Reads a model file, checking its integrity and consistency.
    ///
    /// - Parameters:
    ///   - path: the file to read.
    ///   - registry: where the file's model kind is looked up.
    /// - Throws: `ModelFileError` saying what is wrong with the file.
    public static func read(_ path: String, registry: ModelRegistry = .standard) throws(ModelFileError) -> SavedModel {
        try unarchive(ModelFile.read(path), file: path, registry: registry)
    }

    /// Rebuilds a model from an archive; `file` names the source in errors.
    ///
    /// Files written before the `configuration` field existed restore the configuration from
    /// their `parameters` (the defaults for the rest).
    ///
    /// - Throws: `ModelFileError` saying what is wrong with the archive.
    public static func unarchive(
        _ archive: ModelArchive, file: String, registry: ModelRegistry = .standard
    ) throws(ModelFileError)
        -> SavedModel
    {
        let kindName = try archive.field("kind", file: file)
        let kind: ModelKind
        do {
            kind = try registry.kind(named: kindName)
        } catch {
            throw .malformed(path: file, reason: "unknown model kind '\(kindName)'")
        }
        let parameters = try Self.parameters(archive, field: "parameters", file: file)
        let configuration =
            archive.fields["configuration"] == nil
            ? kind.type.legacyDefaults.merging(parameters)
            : try Self.parameters(archive, field: "configuration", file: file)
        let training = try RatingMatrix.unarchive(archive, prefix: "training.", file: file)
        let titles = archive.strings["item-titles"] ?? []
        guard titles.isEmpty || titles.count == training.itemCount else {
            throw .malformed(path: file, reason: "titles do not match the items")
        }
        let reader = ArchiveReader(archive: archive, training: training, file: file, registry: registry)
        let model = try kind.type.unarchive(reader, parameters: configuration)
        return SavedModel(
            model: model, parameters: parameters, training: training, itemTitles: titles,
            trainedAt: archive.fields["trained-at"] ?? "",
            source: archive.fields["source"] ?? "")
    }

    private static func parameters(
        _ archive: ModelArchive, field: String, file: String
    ) throws(ModelFileError) -> ModelParameters {
        do {
            return try ModelParameters.parse(try archive.field(field, file: file))
        } catch let error as ModelFileError {
            throw error
        } catch {
            throw .malformed(path: file, reason: "\(field): \(error)")
        }
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
        /// The predicted rating, clipped to the scale, when the list was ranked by interest rather
        /// than by the rating (a rating model with an `InterestRanker`); `nil` otherwise.
        public var rating: Float?

        /// An entry.
        public init(id: String, title: String?, score: Float, rating: Float? = nil) {
            self.id = id
            self.title = title
            self.score = score
            self.rating = rating
        }
    }

    /// Where a recommendation list came from.
    public enum Source: String, Sendable {
        /// The trained user's own vector.
        case model
        /// A vector solved on the spot from the items given (the user was not in training).
        case foldIn = "fold-in"
        /// A new user known only by their features (age group, gender, occupation…), no ratings.
        case features
        /// Nothing is known of the user: the most popular items.
        case popularity
    }

    /// The title of item `index`, if known.
    public func title(ofItem index: Int) -> String? {
        index < itemTitles.count && !itemTitles[index].isEmpty ? itemTitles[index] : nil
    }

    /// The index of user `id`, or an error naming it with the closest known ids.
    public func userIndex(_ id: String) throws(LookupError) -> Int {
        guard let index = training.userIDs.index(of: id) else {
            throw .unknownUser(id: id, suggestions: training.userIDs.closest(to: id))
        }
        return index
    }

    /// The index of item `id` (or of the item titled `id`), or an error naming it with the closest
    /// known ids.
    public func itemIndex(_ id: String) throws(LookupError) -> Int {
        if let index = training.itemIDs.index(of: id) { return index }
        if let index = itemTitles.firstIndex(of: id)
            ?? itemTitles.firstIndex(where: { $0.lowercased() == id.lowercased() })
        {
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

    /// The `count` items of the best list scores for a user whose rating scores are `ratings`
    /// (the model's, for every item), leaving out `excluded`: ranked by interest (`ratings` turned
    /// into interest scores by the model's ranker from `interactions`, each entry carrying its
    /// clipped rating) or, for `.rating` or a model without a ranker, by `ratings` themselves.
    public func top(
        ratings: [Float], interactions: InterestRanker.Interactions, rankBy: RankBy, count: Int,
        excluding excluded: Set<Int> = []
    ) -> [Entry] {
        guard rankBy == .interest, let ranker = model.interestRanker else {
            return top(ratings, count: count, excluding: excluded)
        }
        let interest = ranker.interest(ratings: ratings, interactions: interactions)
        var entries = top(interest, count: count, excluding: excluded)
        for index in entries.indices {
            entries[index].rating = training.itemIDs.index(of: entries[index].id).map { clipped(ratings[$0]) }
        }
        return entries
    }

    /// How `recommend` orders this model's lists under `rankBy`, as a phrase (what `reco recommend`
    /// prints after "ranking:"): by interest, naming the ranker and its weight, or by the model's
    /// own scores.
    public func rankingDescription(_ rankBy: RankBy = .interest) -> String {
        if let ranker = model.interestRanker {
            guard rankBy == .interest else { return "by predicted rating (--rank-by rating)" }
            let name = ModelKind(type(of: ranker.interactions)).name
            return "by interest = \(name) score + \(ranker.ratingWeight) × (predicted rating − μ); "
                + "--rank-by rating for the predicted rating alone"
        }
        return kind.ranksOnly ? "by \(kind.name) score" : "by predicted rating (the model has no ranker)"
    }

    /// The `count` items with the most training ratings, leaving out `excluded` (item indices).
    public func popular(count: Int, excluding excluded: Set<Int> = []) -> [Entry] {
        top((0..<itemCount).map { Float(training.ratingCount(ofItem: $0)) }, count: count, excluding: excluded)
    }

    /// The score of every item for a user known only by the given ratings (item indices and
    /// values): the user's side solved with the item side fixed (`TrainableModel.foldIn`).
    public func foldInScores(items: [Int], ratings: [Float]) -> [Float] {
        model.foldIn(items: items, ratings: ratings)
    }

    /// `value` clipped to the training rating scale (rating models; ranking scores pass through).
    public func clipped(_ value: Float) -> Float {
        guard let scale = ratingScale, !kind.ranksOnly else { return value }
        return min(max(value, scale.lowerBound), scale.upperBound)
    }

    /// The top `count` items for a known user, leaving out what they rated unless `includeRated`.
    public func recommend(
        user id: String, count: Int, includeRated: Bool = false, rankBy: RankBy = .interest
    ) throws(LookupError) -> (source: Source, items: [Entry]) {
        let user = try userIndex(id)
        if training.ratingCount(ofUser: user) == 0 {
            return (.popularity, popular(count: count))
        }
        let excluded = includeRated ? [] : Set(training.userItems[training.userRange(user)].map(Int.init))
        let ratings = model.scores(forUser: user)
        return (
            .model,
            top(ratings: ratings, interactions: .trained(user), rankBy: rankBy, count: count, excluding: excluded)
        )
    }

    /// Recommendations for a user the model has not seen, from the items they liked (and, when
    /// given, their ratings): fold-in, without retraining. The given items are left out.
    public func recommend(
        forItems ids: [String], ratings: [Float]? = nil, count: Int, rankBy: RankBy = .interest
    ) throws(LookupError) -> (source: Source, items: [Entry]) {
        let items = try ids.map { id throws(LookupError) in try itemIndex(id) }
        guard !items.isEmpty else {
            return (.popularity, popular(count: count))
        }
        let values = ratings ?? [Float](repeating: ratingScale?.upperBound ?? 1, count: items.count)
        let scores = model.foldIn(items: items, ratings: values)
        return (
            .foldIn,
            top(
                ratings: scores, interactions: .given(items: items, ratings: values), rankBy: rankBy, count: count,
                excluding: Set(items))
        )
    }

    /// The `count` items most similar to item `id` by the model's own measure (cosine of item
    /// vectors, or the item–item weights of neighbourhood models). Items with fewer than
    /// `minimumRatings` training ratings are left out (a factor model barely moves their vectors
    /// from the random start).
    ///
    /// - Throws: `LookupError.unknownItem`, or `.noSimilarity` for a model without such a measure.
    public func similarItems(to id: String, count: Int, minimumRatings: Int = 0) throws(LookupError) -> [Entry] {
        let item = try itemIndex(id)
        let ranked = model.similarItems(to: item, count: count) { other in
            other != item && self.training.ratingCount(ofItem: other) >= minimumRatings
        }
        guard let ranked else { throw .noSimilarity(kind: kind.name) }
        return entries(ranked)
    }

    var itemCount: Int { training.itemCount }

    /// The `count` users most similar to user `id` (cosine of user vectors).
    public func similarUsers(to id: String, count: Int) throws(LookupError) -> [(id: String, score: Float)] {
        let user = try userIndex(id)
        guard model.userVectors != nil else { throw .noSimilarity(kind: kind.name) }
        let ranked = (try? model.similarUsers(to: user, count: count, metric: .cosine)) ?? []
        return ranked.map { (training.userIDs.id(at: $0.item), $0.score) }
    }

    /// The predicted rating of item `itemID` by user `userID`, clipped to the training scale unless
    /// `clipping` is false (the model's raw score, as Spark's `transform` gives it).
    public func predict(user userID: String, item itemID: String, clipping: Bool = true) throws(LookupError) -> Float {
        let user = try userIndex(userID)
        let item = try itemIndex(itemID)
        let score = model.predict(user: user, item: item)
        return clipping ? clipped(score) : score
    }
}
