/// The floor of every top-N table: ranks items by how many training interactions they have, ties
/// by lower item index. Its "prediction" is that count, so it ranks but does not predict ratings.
public struct Popularity: RatingModel {
    /// No hyperparameters.
    public struct Configuration: Equatable, Sendable {
        /// The only configuration.
        public init() {}
    }

    /// Training interactions per item.
    public let counts: [Float]
    public let userCount: Int
    public var itemCount: Int { counts.count }

    /// Counts the interactions of every item in `ratings`.
    public init(_ ratings: RatingMatrix) {
        counts = (0..<ratings.itemCount).map { Float(ratings.ratingCount(ofItem: $0)) }
        userCount = ratings.userCount
    }

    /// A model from known counts.
    public init(counts: [Float], userCount: Int) {
        self.counts = counts
        self.userCount = userCount
    }

    public func predict(user: Int, item: Int) -> Float { counts[item] }

    public func scoreItems(forUser user: Int, into scores: inout MutableSpan<Float>) {
        for item in counts.indices { scores[item] = counts[item] }
    }
}

extension Popularity: TrainableModel {
    public static let descriptor = ModelDescriptor(
        name: "popularity", aliases: ["pop"],
        summary: "ranks items by training interactions (ties by item index): the floor of every top-N table",
        ranksOnly: true,
        personalizesRankings: false)
    public static let hyperparameters = Hyperparameters(defaults: Configuration(), [])

    public var configuration: Configuration { Configuration() }

    public static func train(
        _ data: TrainingData, configuration: Configuration, observer: TrainingObserver?
    ) throws(ModelError) -> Popularity {
        Popularity(data.ratings)
    }

    public func archive(into archive: inout ModelArchive) {
        archive.floats["counts"] = counts
    }

    public init(from reader: ArchiveReader, configuration: Configuration) throws(ModelFileError) {
        self.init(counts: try reader.perItem("counts"), userCount: reader.training.userCount)
    }

    /// The counts: everyone gets the most popular items.
    public func foldIn(items: [Int], ratings: [Float]) -> [Float] { counts }
}

extension Popularity {
    /// One term: the item's training interactions.
    public func explain(items: [Int], for user: ExplainedUser) -> [Explanation]? {
        explanations(of: items, for: user) { item in
            [ExplanationTerm(.popularity, counts[item], label: "\(Int(counts[item])) users interacted with it")]
        }
    }
}
