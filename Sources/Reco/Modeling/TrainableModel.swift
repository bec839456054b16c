/// A model Reco can train by name, save in a `.reco` file, load back, and serve to users it was not
/// trained on.
///
/// A conforming type says everything about itself in its own file: what it is (`descriptor`), its
/// hyperparameters, each declared once (`hyperparameters`), how it trains, how it writes and reads
/// its learned parameters, and how it scores a new user. Listing the type in `ModelRegistry` makes
/// it available to the CLI, the service, files and the registry-wide tests; nothing else switches
/// over model kinds.
///
/// ```swift
/// extension MyModel: TrainableModel {
///     public static let descriptor = ModelDescriptor(name: "my-model", summary: "…")
///     public static let hyperparameters = Hyperparameters(defaults: Configuration(), [
///         .integer("factors", \.factors, minimum: 1, help: "latent factors k"),
///     ])
///     …
/// }
/// ```
public protocol TrainableModel: RatingModel {
    /// The model's hyperparameters as one value.
    associatedtype Configuration: Equatable & Sendable

    /// Name, aliases, summary and needs.
    static var descriptor: ModelDescriptor { get }
    /// The defaults and one declaration per hyperparameter.
    static var hyperparameters: Hyperparameters<Configuration> { get }

    /// The hyperparameters the model was trained with.
    var configuration: Configuration { get }

    /// Trains a model on `data`.
    ///
    /// - Parameters:
    ///   - data: the training ratings, and the features of their users and items when there are any.
    ///   - configuration: the hyperparameters.
    ///   - observer: receives progress reports (epoch, loss) on the training thread.
    /// - Throws: `ModelError` when a value of `configuration` is out of its domain or `data` lacks
    ///   an input the model needs.
    static func train(
        _ data: TrainingData, configuration: Configuration, observer: TrainingObserver?
    ) throws(ModelError) -> Self

    /// Writes the learned parameters into `archive` (the registry writes the configuration).
    func archive(into archive: inout ModelArchive)

    /// Rebuilds a model from what `archive(into:)` wrote, checking every array against the
    /// training matrix the file holds.
    ///
    /// - Throws: `ModelFileError.malformed` naming the array that is missing or the wrong size.
    init(from reader: ArchiveReader, configuration: Configuration) throws(ModelFileError)

    /// The score of every item for a user the model was not trained on, known only by the items
    /// they rated (indices) and those ratings: the user's side solved with the model's item side
    /// fixed, without retraining.
    func foldIn(items: [Int], ratings: [Float]) -> [Float]

    /// The configuration `parameters` describe (the defaults for every key left out).
    ///
    /// - Throws: `ModelError.unknownParameter` or `.invalidParameter`, naming the key.
    static func configuration(from parameters: ModelParameters) throws(ModelError) -> Configuration

    /// Every stored parameter of `configuration`, as text `configuration(from:)` reads back.
    static func parameters(describing configuration: Configuration) -> ModelParameters

    /// The item side when the model's fold-in is a ridge regression on fixed item vectors, so a
    /// service can keep a user's vector current one rating at a time (`IncrementalFoldIn`).
    var ridgeItemSide: RidgeItemSide? { get }

    /// The `count` items most like `item` by the model's own measure, among those `isCandidate`
    /// accepts (never `item` itself), best first; `nil` when the model has no such measure.
    func similarItems(to item: Int, count: Int, where isCandidate: (Int) -> Bool) -> [ScoredItem]?

    /// The item features the model was trained on, for retraining it on new ratings.
    var trainedItemFeatures: FeatureMatrix? { get }

    /// The user features the model was trained on, likewise.
    var trainedUserFeatures: FeatureMatrix? { get }

    /// The names of the user features the model reads, in the order `UserQuery.features` takes
    /// them (empty: it reads none).
    var userFeatureNames: [String] { get }

    /// The names of the item features it reads, in the order `scores(ofNewItems:for:)` takes them
    /// (empty: it reads none).
    var itemFeatureNames: [String] { get }

    /// The score of every trained item for `query`, or `nil` when nothing is known to go on (a new
    /// user with no ratings, for a model that reads no user features).
    func scores(for query: UserQuery) -> [Float]?

    /// The scores of items the model was not trained on, known only by their features (one row
    /// each, in `itemFeatureNames` order), for `query`; `nil` when the model reads no item features.
    func scores(ofNewItems features: DenseMatrix, for query: UserQuery) -> [Float]?

    /// Why `user` gets each of `items` its score: one explanation per item whose terms add up to
    /// the score `scores(for: user.query)` gives it (a trained user's own scores, a new user's
    /// fold-in); `nil` when the model has nothing to go on (a new user with no ratings, and no
    /// features it reads).
    ///
    /// The user's factorisation is done once, so explaining a list costs little more than one item.
    func explain(items: [Int], for user: ExplainedUser) -> [Explanation]?

    /// The defaults of the builds before model files recorded the whole configuration (the
    /// `configuration` field), where they differ from today's: a file without that field was
    /// trained with its `parameters` over these.
    static var legacyDefaults: ModelParameters { get }
}

extension TrainableModel {
    /// The registry entry of this type.
    public static var kind: ModelKind { ModelKind(self) }

    /// The declared hyperparameters read from `parameters`.
    public static func configuration(from parameters: ModelParameters) throws(ModelError) -> Configuration {
        try hyperparameters.configuration(from: parameters, model: descriptor.name)
    }

    /// The declared hyperparameters of `configuration`.
    public static func parameters(describing configuration: Configuration) -> ModelParameters {
        hyperparameters.parameters(describing: configuration)
    }

    /// Trains with the hyperparameters `parameters` names (defaults for the rest).
    ///
    /// - Throws: `ModelError` naming a bad or unknown parameter, or a missing input.
    public static func train(
        _ data: TrainingData, parameters: ModelParameters = ModelParameters(), observer: TrainingObserver? = nil
    ) throws(ModelError) -> Self {
        try train(data, configuration: configuration(from: parameters), observer: observer)
    }

    /// Every stored parameter of this model's configuration.
    public var configurationParameters: ModelParameters { Self.parameters(describing: configuration) }

    /// Whether `other` is a model of the same type with an equal configuration.
    public func hasSameConfiguration(as other: any TrainableModel) -> Bool {
        (other as? Self)?.configuration == configuration
    }

    /// Not a ridge fold-in.
    public var ridgeItemSide: RidgeItemSide? { nil }

    /// No item features.
    public var trainedItemFeatures: FeatureMatrix? { nil }

    /// No user features.
    public var trainedUserFeatures: FeatureMatrix? { nil }

    /// No user features.
    public var userFeatureNames: [String] { [] }

    /// No item features.
    public var itemFeatureNames: [String] { [] }

    /// A trained user's own scores; a new user's fold-in from their ratings (their features are
    /// not read); `nil` for a new user with no ratings.
    public func scores(for query: UserQuery) -> [Float]? {
        if let user = query.user, query.items.isEmpty { return scores(forUser: user) }
        guard !query.items.isEmpty else { return nil }
        return foldIn(items: query.items, ratings: query.ratings)
    }

    /// The model reads no item features.
    public func scores(ofNewItems features: DenseMatrix, for query: UserQuery) -> [Float]? { nil }

    /// Today's defaults are the old ones.
    public static var legacyDefaults: ModelParameters { ModelParameters() }

    /// By default: the cosine of the item vectors, or `nil` without them.
    public func similarItems(to item: Int, count: Int, where isCandidate: (Int) -> Bool) -> [ScoredItem]? {
        guard let vectors = itemVectors, item >= 0, item < vectors.rows else { return nil }
        return vectors.nearestRows(to: item, count: count, metric: .cosine, where: isCandidate)
    }

    /// Reads the configuration `parameters` describe, then the model.
    static func unarchive(_ reader: ArchiveReader, parameters: ModelParameters) throws(ModelFileError) -> Self {
        let configuration: Configuration
        do {
            configuration = try Self.configuration(from: parameters)
        } catch {
            throw reader.malformed("its \(descriptor.name) configuration: \(error)")
        }
        return try Self(from: reader, configuration: configuration)
    }
}

extension TrainableModel {
    /// Why trained user `user` gets `item` its score, from their ratings in `training` (the matrix
    /// the model was trained on).
    ///
    /// - Precondition: `user` and `item` are indices the model knows.
    public func explain(user: Int, item: Int, training: RatingMatrix) -> Explanation {
        precondition(user >= 0 && user < userCount && item >= 0 && item < itemCount, "index out of range")
        return explain(items: [item], for: .trained(user, in: training))![0]
    }

    /// Why `user` gets `item` its score; `nil` when nothing is known of a new user.
    public func explain(item: Int, for user: ExplainedUser) -> Explanation? {
        explain(items: [item], for: user)?.first
    }
}
