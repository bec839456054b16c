/// The floor of every rating table: predicts the training mean μ for everything.
public struct GlobalMean: RatingModel {
    /// No hyperparameters.
    public struct Configuration: Equatable, Sendable {
        /// The only configuration.
        public init() {}
    }

    /// μ.
    public let mean: Float
    public let userCount: Int
    public let itemCount: Int

    /// Fits μ on `ratings`.
    public init(_ ratings: RatingMatrix) {
        mean = Float(ratings.globalMean)
        userCount = ratings.userCount
        itemCount = ratings.itemCount
    }

    /// A model from a known mean.
    public init(mean: Float, userCount: Int, itemCount: Int) {
        self.mean = mean
        self.userCount = userCount
        self.itemCount = itemCount
    }

    public func predict(user: Int, item: Int) -> Float { mean }
}

extension GlobalMean: TrainableModel {
    public static let descriptor = ModelDescriptor(
        name: "global-mean", aliases: ["mean", "globalmean"],
        summary: "predicts the training mean: the floor of every rating table",
        personalizesRankings: false)
    public static let hyperparameters = Hyperparameters(defaults: Configuration(), [])

    public var configuration: Configuration { Configuration() }

    public static func train(
        _ data: TrainingData, configuration: Configuration, observer: TrainingObserver?
    ) throws(ModelError) -> GlobalMean {
        GlobalMean(data.ratings)
    }

    public func archive(into archive: inout ModelArchive) {
        archive.floats["mean"] = [mean]
    }

    public init(from reader: ArchiveReader, configuration: Configuration) throws(ModelFileError) {
        self.init(
            mean: try reader.scalar("mean"), userCount: reader.training.userCount, itemCount: reader.training.itemCount)
    }

    /// μ for every item: the mean knows nothing personal.
    public func foldIn(items: [Int], ratings: [Float]) -> [Float] { [Float](repeating: mean, count: itemCount) }
}

extension GlobalMean {
    /// One term: μ.
    public func explain(items: [Int], for user: ExplainedUser) -> [Explanation]? {
        explanations(of: items, for: user) { _ in [ExplanationTerm(.mean, mean)] }
    }
}
