/// What a rating model ranks its lists by: an interaction model of which items a user picks,
/// trained on the same ratings as one interaction each, plus a small weight on the rating model's
/// predicted stars:
/// ```
/// interest(u, i) = s(u, i) + w · (r̂(u, i) − μ)
/// ```
/// with s the interaction model's score (`implicit-knn`'s summed item–item cosines or
/// `implicit-als`'s x_u · y_i), r̂ the rating model's prediction and μ the training mean. The stars
/// the rating model predicts do not change; only the order of its lists does.
///
/// On MovieLens 100k's per-user 20% holdout `biased-mf`'s lists by rating score NDCG@10 0.09 and
/// by interest, with the default `implicit-als` ranker, 0.44 (BENCHMARKS.md, "Rating models that
/// rank"; docs/ranking.md).
public struct InterestRanker: Sendable {
    /// The interaction model a rating model trains beside itself.
    public enum Method: String, Sendable, CaseIterable {
        /// No ranker: lists follow the predicted rating.
        case none
        /// Implicit-feedback ALS (`ImplicitALS`; factors, iterations and λ of the configuration).
        case implicitALS = "implicit-als"
        /// Item–item cosine neighbours (`ImplicitItemKNN`, 20 neighbours).
        case implicitKNN = "implicit-knn"
    }

    /// How a rating model trains its ranker.
    public struct Configuration: Sendable, Equatable {
        /// The interaction model.
        public var method: Method
        /// w, the weight of the predicted rating (its distance from μ, in stars).
        public var ratingWeight: Float
        /// k of the `implicit-als` ranker.
        public var factors: Int
        /// ALS sweeps of the `implicit-als` ranker.
        public var iterations: Int
        /// λ of the `implicit-als` ranker.
        public var regularization: Float

        /// Creates a configuration. The defaults were chosen on a per-user 20% holdout of MovieLens
        /// 100k cut with seed 7 (BENCHMARKS.md reports seed 42's).
        public init(
            method: Method = .implicitALS, ratingWeight: Float = 0.02, factors: Int = 24, iterations: Int = 8,
            regularization: Float = 10
        ) {
            self.method = method
            self.ratingWeight = ratingWeight
            self.factors = factors
            self.iterations = iterations
            self.regularization = regularization
        }

    }

    /// The interaction model (trained on the same users and items as the rating model).
    public let interactions: any TrainableModel
    /// w.
    public let ratingWeight: Float
    /// μ, the training mean the ratings are centred on.
    public let mean: Float

    /// A ranker from a trained interaction model.
    public init(interactions: any TrainableModel, ratingWeight: Float, mean: Float) {
        self.interactions = interactions
        self.ratingWeight = ratingWeight
        self.mean = mean
    }

    /// What the builds before rankers did: lists by the predicted rating (their `legacyDefaults`).
    public static let legacyParameters = ModelParameters(["ranker": Method.none.rawValue])

    /// Trains the interaction model `configuration` names on `ratings` (each rating one
    /// interaction); `nil` for `.none`.
    ///
    /// - Throws: `ModelError.invalidParameter` for a negative or non-finite weight.
    public static func train(
        _ ratings: RatingMatrix, configuration: Configuration, seed: UInt64, threads: Int?
    ) throws(ModelError) -> InterestRanker? {
        let interactions: any TrainableModel
        switch configuration.method {
        case .none: return nil
        case .implicitKNN:
            interactions = try ImplicitItemKNN.fit(ratings, configuration: .init(threads: threads))
        case .implicitALS:
            interactions = try ImplicitALS.fit(
                ratings,
                configuration: .init(
                    factors: configuration.factors, iterations: configuration.iterations,
                    regularization: configuration.regularization, seed: seed, threads: threads))
        }
        return InterestRanker(
            interactions: interactions, ratingWeight: configuration.ratingWeight, mean: Float(ratings.globalMean))
    }

    /// The declarations of the ranker parameters of a model whose configuration holds an
    /// `interest` (`ranker`, `ranker-rating-weight`, `ranker-factors`, …), appended to its own.
    public static func hyperparameters<Model: RankedConfiguration>() -> [Hyperparameter<Model>] {
        [
            .choice(
                "ranker", \Model.interest.method,
                help: "what lists rank by besides the stars: implicit-als, implicit-knn or none (stars alone)"),
            .real(
                "ranker-rating-weight", \Model.interest.ratingWeight, .nonNegative,
                help: "w in interest = interaction score + w (r̂ − μ)"),
            .integer("ranker-factors", \Model.interest.factors, minimum: 1, help: "k of the implicit-als ranker"),
            .integer("ranker-iterations", \Model.interest.iterations, help: "ALS sweeps of the implicit-als ranker"),
            .real(
                "ranker-regularization", \Model.interest.regularization, .nonNegative,
                help: "λ of the implicit-als ranker"),
        ]
    }

    // MARK: - Scoring

    /// What is known of a user's interactions.
    public enum Interactions: Sendable {
        /// A trained user's own.
        case trained(Int)
        /// The items a user rated (with their ratings), for a user the model was not trained on or
        /// one with ratings since training.
        case given(items: [Int], ratings: [Float])
        /// None: only the predicted ratings rank (a new user known by features alone).
        case none
    }

    /// The interest scores of one user from the rating model's scores of every item.
    public func interest(ratings: [Float], interactions: Interactions) -> [Float] {
        var scores = ratings
        apply(to: &scores, interactions: interactions)
        return scores
    }

    /// Turns `scores` (the rating model's, for every item) into interest scores in place.
    func apply(to scores: inout [Float], interactions known: Interactions) {
        let interaction: [Float]
        switch known {
        case .trained(let user) where user < interactions.userCount: interaction = interactions.scores(forUser: user)
        case .given(let items, let values) where !items.isEmpty:
            interaction = interactions.foldIn(items: items, ratings: values)
        default: interaction = [Float](repeating: 0, count: scores.count)
        }
        precondition(interaction.count == scores.count, "one interaction score per rating")
        let w = ratingWeight, mu = mean
        for index in scores.indices { scores[index] = interaction[index] + w * (scores[index] - mu) }
    }

    /// The interest scores of items the interaction model has never seen (posted since training,
    /// known by their features) for one user, from their predicted ratings `newRatings`, given the
    /// user's `ratings` and `interest` scores of the trained items.
    ///
    /// Nobody has interacted with a new item, so it has no interaction score of its own; it takes
    /// the place its predicted rating earns it: the interest score of the trained item at the rank
    /// its rating would have among theirs (behind that item on a tie), or just below the lowest.
    ///
    /// - Complexity: O((n + m) log n) for n trained and m new items.
    public func interest(ofNewItems newRatings: [Float], ratings: [Float], interest: [Float]) -> [Float] {
        precondition(ratings.count == interest.count, "one interest score per rating")
        let byRating = ratings.filter { !$0.isNaN }.sorted(by: >)
        let byInterest = interest.filter { !$0.isNaN }.sorted(by: >)
        guard let lowest = byInterest.last, byRating.count == byInterest.count else {
            return newRatings.map { ratingWeight * ($0 - mean) }
        }
        return newRatings.map { rating in
            // How many trained items the user would rate higher.
            var low = 0, high = byRating.count
            while low < high {
                let middle = (low + high) / 2
                if byRating[middle] > rating { low = middle + 1 } else { high = middle }
            }
            return low < byInterest.count ? byInterest[low] : lowest.nextDown
        }
    }

    // MARK: - Files

    /// Writes the interaction model under `interest.` (its kind, configuration and arrays) and w.
    public func archive(into archive: inout ModelArchive) {
        var part = ModelArchive()
        part.fields["kind"] = ModelKind(type(of: interactions)).name
        part.fields["configuration"] = interactions.configurationParameters.description
        part.floats["rating-weight"] = [ratingWeight]
        part.floats["mean"] = [mean]
        interactions.archive(into: &part)
        archive.merge(part, prefix: Self.prefix)
    }

    /// The ranker a file holds, or `nil` when it has none (files from before rankers).
    ///
    /// - Throws: `ModelFileError.malformed` when the ranker's entries are incomplete.
    public static func unarchive(_ reader: ArchiveReader) throws(ModelFileError) -> InterestRanker? {
        let part = reader.component(prefix: prefix)
        guard let name = part.field("kind") else { return nil }
        guard let kind = try? reader.registry.kind(named: name), kind.ranksOnly else {
            throw reader.malformed("unknown ranker model '\(name)'")
        }
        let parameters: ModelParameters
        do {
            parameters = try ModelParameters.parse(part.field("configuration") ?? "")
        } catch {
            throw reader.malformed("the ranker's configuration: \(error)")
        }
        return InterestRanker(
            interactions: try kind.type.unarchive(part, parameters: parameters),
            ratingWeight: try part.scalar("rating-weight"), mean: try part.scalar("mean"))
    }

    private static let prefix = "interest."
}

/// A model configuration with a ranker configuration, whose hyperparameters
/// `InterestRanker.hyperparameters()` declares.
public protocol RankedConfiguration: Sendable {
    /// How the model trains its ranker.
    var interest: InterestRanker.Configuration { get set }
}

extension InterestRanker.Configuration {
    /// This configuration, with no ranker when a file holds none (it was written before rankers).
    func matching(_ ranker: InterestRanker?) -> Self {
        var configuration = self
        if ranker == nil { configuration.method = .none }
        return configuration
    }
}
