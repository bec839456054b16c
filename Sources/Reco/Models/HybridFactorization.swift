/// The notebook's two halves in one model (LightFM's idea, Kula 2015; SVDFeature, Chen et al. 2012):
/// a user's vector is the user's own embedding plus the embeddings of the user's features, an
/// item's vector the item's own plus those of its features, and the biases likewise:
///
/// ```
/// U(u) = p_u + Σ_f w_uf d_f        A(u) = b_u + Σ_f w_uf a_f
/// V(i) = q_i + Σ_g w_ig e_g        B(i) = b_i + Σ_g w_ig c_g
/// r̂(u, i) = μ + A(u) + B(i) + U(u) · V(i)          (loss=squared: predicts stars)
/// s(u, i) = B(i) + U(u) · V(i)                      (loss=bpr or warp: ranks)
/// ```
///
/// with each row's feature weights w normalised to sum to 1 (a film with three genres gives each a
/// third). Known features are all a new film or a new user has: a film nobody has rated yet gets
/// V = Σ w e and B = Σ w c from its genres and release year, a new user U = Σ w d from age group,
/// gender and occupation — the cold start that pure collaborative filtering cannot serve. Without
/// features the model is biased matrix factorization.
///
/// Training is stochastic gradient descent over the ratings in a seeded order each epoch:
/// - `squared`: (r − r̂)² + λ(‖p_u‖² + ‖q_i‖² + b_u² + b_i²) + λ_f(‖d‖² + ‖e‖² + a² + c²), plain SGD;
/// - `bpr`: −ln σ(s(u, i) − s(u, j)) for a sampled item j the user did not rate (Rendle et al. 2009);
/// - `warp`: negatives are drawn until one violates s(u, j) > s(u, i) − 1, and the step is weighted
///   by ln⌊(items − 1) / draws⌋, an estimate of how low the positive ranks (Weston et al. 2011).
///   The ranking losses use Adagrad steps, as LightFM does.
///
/// - Complexity: O(epochs · ratings · factors · (1 + features a row)) to fit; O(factors) per score.
public struct HybridFactorization: RatingModel {
    /// What training minimises.
    public enum Loss: String, Sendable, Equatable, CaseIterable {
        /// Squared error on the ratings: predicts stars.
        case squared
        /// Bayesian Personalized Ranking on interactions.
        case bpr
        /// Weighted Approximate-Rank Pairwise loss on interactions.
        case warp
    }

    /// How a row's own embedding and its features' are weighted.
    public enum Weighting: String, Sendable, Equatable, CaseIterable {
        /// The own embedding 1, the features together 1.
        case separate
        /// Own embedding and features together 1, each an equal share (LightFM's normalised rows).
        case shared
    }

    /// Hyperparameters.
    public struct Configuration: Sendable, Equatable {
        /// The objective.
        public var loss: Loss
        /// How own embeddings and features are weighted.
        public var weighting: Weighting
        /// k, the length of every embedding.
        public var factors: Int
        /// Passes over the ratings.
        public var epochs: Int
        /// η, the step size (SGD for `squared`, Adagrad's for the ranking losses).
        public var learningRate: Float
        /// λ, the L2 penalty on the users' and items' own embeddings and biases.
        public var regularization: Float
        /// λ_f, the L2 penalty on the feature embeddings and biases.
        public var featureRegularization: Float
        /// Whether users and items have embeddings of their own besides their features' (without,
        /// the model is purely content-based on both sides).
        public var identities: Bool
        /// WARP's most negatives drawn for one positive.
        public var maximumSamples: Int
        /// Whether to read the user features the data has (age group, gender, occupation).
        public var userFeatures: Bool
        /// Whether to read the item features the data has (genres, release years).
        public var itemFeatures: Bool
        /// The share of training steps in which a user's or item's own embedding is left out, so
        /// that its features learn to stand for it alone — as they must for a new user or item.
        public var identityDropout: Float
        /// Standard deviation of the N(0, σ²) start.
        public var initialStandardDeviation: Float
        /// Seed of the start, the visiting order and the negatives.
        public var seed: UInt64
        /// Threads; `nil` uses every core when an epoch is long enough to pay for it (ranking losses
        /// on MovieLens 100k), else one.
        public var threads: Int?
        /// What lists rank by besides the predicted stars (squared loss only: the ranking losses
        /// rank already).
        public var interest: InterestRanker.Configuration

        /// Creates a configuration; the defaults were chosen by cross-validation on MovieLens 100k.
        public init(
            loss: Loss = .squared, weighting: Weighting = .separate, factors: Int = 32, epochs: Int = 30,
            learningRate: Float = 0.01,
            regularization: Float = 0.05, featureRegularization: Float = 0.01, identities: Bool = true,
            maximumSamples: Int = 10, userFeatures: Bool = true, itemFeatures: Bool = true,
            identityDropout: Float = 0.3, initialStandardDeviation: Float = 0.1, seed: UInt64 = 42,
            threads: Int? = nil, interest: InterestRanker.Configuration = InterestRanker.Configuration()
        ) {
            self.loss = loss
            self.weighting = weighting
            self.factors = factors
            self.epochs = epochs
            self.learningRate = learningRate
            self.regularization = regularization
            self.featureRegularization = featureRegularization
            self.identities = identities
            self.maximumSamples = maximumSamples
            self.identityDropout = identityDropout
            self.userFeatures = userFeatures
            self.itemFeatures = itemFeatures
            self.initialStandardDeviation = initialStandardDeviation
            self.seed = seed
            self.threads = threads
            self.interest = interest
        }
    }

    /// One side of the model (users or items): embeddings and biases of the members (rows
    /// 0..<count) and of the features (rows count..<count + features), and each member's features.
    public struct Side: Sendable, Equatable {
        /// Members (users or items) the model was trained on.
        public let count: Int
        /// Whether members have embeddings of their own.
        public let identities: Bool
        /// How own embeddings and features are weighted.
        public let weighting: Weighting
        /// The feature names.
        public let featureNames: [String]
        /// The members' feature rows as given (count × features).
        public let features: DenseMatrix
        /// Embeddings, (count + features) × k.
        public internal(set) var embeddings: DenseMatrix
        /// Biases, count + features.
        public internal(set) var biases: [Float]
        /// Each member's rows and weights (CSR): its own row (weight 1, with identities) and its
        /// features', normalised.
        let rowOffsets: [Int]
        let rows: [Int32]
        let weights: [Float]

        init(
            count: Int, features: FeatureMatrix?, factors: Int, identities: Bool, weighting: Weighting,
            embeddings: DenseMatrix? = nil, biases: [Float]? = nil
        ) {
            let matrix = features?.matrix ?? DenseMatrix(rows: count, columns: 0)
            self.count = count
            self.identities = identities
            self.weighting = weighting
            featureNames = features?.names ?? []
            self.features = matrix
            self.embeddings = embeddings ?? DenseMatrix(rows: count + matrix.columns, columns: factors)
            self.biases = biases ?? [Float](repeating: 0, count: count + matrix.columns)
            var offsets = [0]
            var rows: [Int32] = []
            var weights: [Float] = []
            for member in 0..<count {
                let features = matrix.row(member)
                let share = Self.identityShare(features, identities: identities, weighting: weighting)
                if identities {
                    rows.append(Int32(member))
                    weights.append(share)
                }
                for (feature, weight) in Self.normalised(features) {
                    rows.append(Int32(count + feature))
                    weights.append(weight * (weighting == .shared && identities ? 1 - share : 1))
                }
                offsets.append(rows.count)
            }
            rowOffsets = offsets
            self.rows = rows
            self.weights = weights
        }

        /// The weight of the own embedding: 1, or with shared weighting 1 / (1 + Σ|x|).
        static func identityShare(_ features: [Float], identities: Bool, weighting: Weighting) -> Float {
            guard identities, weighting == .shared else { return 1 }
            return 1 / (1 + features.reduce(0) { $0 + abs($1) })
        }

        /// The non-zero features of `row`, weighted to sum to 1 in absolute value.
        static func normalised(_ row: [Float]) -> [(Int, Float)] {
            let total = row.reduce(0) { $0 + abs($1) }
            guard total > 0 else { return [] }
            return row.enumerated().filter { $0.element != 0 }.map { ($0.offset, $0.element / total) }
        }

        /// The rows and weights of a new member given by its feature row: its features' weights as
        /// a trained member's, without an own embedding.
        func rows(ofFeatures row: [Float]) -> [(Int, Float)] {
            let scale =
                weighting == .shared && identities
                ? 1 - Self.identityShare(row, identities: true, weighting: .shared) : 1
            return Self.normalised(row).map { (count + $0.0, $0.1 * scale) }
        }

        /// The rows and weights of member `member`.
        func rows(of member: Int) -> [(Int, Float)] {
            (rowOffsets[member]..<rowOffsets[member + 1]).map { (Int(rows[$0]), weights[$0]) }
        }

        /// Σ w · embedding and Σ w · bias over `rows`.
        func combine(_ rows: [(Int, Float)]) -> (vector: [Float], bias: Float) {
            let k = embeddings.columns
            var vector = [Float](repeating: 0, count: k)
            var bias: Float = 0
            embeddings.storage.withUnsafeBufferPointer { e in
                vector.withUnsafeMutableBufferPointer { v in
                    for (row, weight) in rows {
                        Kernels.addScaled(weight, e.baseAddress! + row * k, to: v.baseAddress!, count: k)
                        bias += weight * biases[row]
                    }
                }
            }
            return (vector, bias)
        }

        /// Every member's combined vector and bias.
        func combinedAll() -> (vectors: DenseMatrix, biases: [Float]) {
            var vectors = DenseMatrix(rows: count, columns: embeddings.columns)
            var combinedBiases = [Float](repeating: 0, count: count)
            for member in 0..<count {
                let (vector, bias) = combine(rows(of: member))
                vectors.setRow(member, to: vector)
                combinedBiases[member] = bias
            }
            return (vectors, combinedBiases)
        }
    }

    /// The hyperparameters it was trained with.
    public let configuration: Configuration
    /// μ (0 for the ranking losses).
    public let mean: Float
    /// The user side.
    public let users: Side
    /// The item side.
    public let items: Side
    /// U(u) and A(u) of every trained user, V(i) and B(i) of every trained item (what scoring uses).
    let combinedUsers: DenseMatrix
    let userTotals: [Float]
    let combinedItems: DenseMatrix
    let itemTotals: [Float]
    /// What its lists rank by besides the predicted stars (`nil`: the scores alone).
    public let interestRanker: InterestRanker?

    /// A model from its sides.
    public init(
        configuration: Configuration, mean: Float, users: Side, items: Side, interestRanker: InterestRanker? = nil
    ) {
        self.configuration = configuration
        self.interestRanker = interestRanker
        self.mean = mean
        self.users = users
        self.items = items
        (combinedUsers, userTotals) = users.combinedAll()
        (combinedItems, itemTotals) = items.combinedAll()
    }

    public var userCount: Int { users.count }
    public var itemCount: Int { items.count }
    /// U(u) for every trained user.
    public var userVectors: DenseMatrix? { combinedUsers }
    /// V(i) for every trained item.
    public var itemVectors: DenseMatrix? { combinedItems }

    /// The base added to every score of a user: μ + A(u) for squared loss, 0 for ranking.
    func base(userTotal: Float) -> Float { configuration.loss == .squared ? mean + userTotal : 0 }

    public func predict(user: Int, item: Int) -> Float {
        base(userTotal: userTotals[user]) + itemTotals[item] + combinedUsers.dot(row: user, combinedItems, row: item)
    }

    public func scoreItems(forUser user: Int, into scores: inout MutableSpan<Float>) {
        combinedUsers.scoreRows(
            of: combinedItems, against: user, base: base(userTotal: userTotals[user]), biases: itemTotals, into: &scores
        )
    }

    /// Users and items with no training ratings are scored from their features, where it has them.
    public var coldStart: ColdStartSupport {
        var support: ColdStartSupport = []
        if !items.featureNames.isEmpty { support.insert(.items) }
        if !users.featureNames.isEmpty { support.insert(.users) }
        return support
    }

    /// μ + A(u) + B(i) of the sides it knows (squared loss).
    public func baselinePrediction(user: Int?, item: Int?) -> Float? {
        guard configuration.loss == .squared else { return nil }
        return biasedBaseline(mean: mean, userBiases: userTotals, itemBiases: itemTotals, user: user, item: item)
    }
}

extension HybridFactorization: TrainableModel {
    public static let descriptor = ModelDescriptor(
        name: "hybrid", aliases: ["lightfm"],
        summary:
            "collaborative filtering with content features inside (LightFM's idea): user and item vectors are their "
            + "own embeddings plus their features'; squared loss for stars, bpr or warp to rank; serves new items and users "
            + "from their features",
        optionalInputs: [.itemFeatures, .userFeatures])
    public static let hyperparameters = Hyperparameters(
        defaults: Configuration(),
        [
            .choice("loss", \.loss, help: "squared (predicts stars), bpr or warp (rank interactions)"),
            .choice(
                "weighting", \.weighting,
                help: "separate (own embedding 1, features together 1) or shared (all of a row together 1, as LightFM)"),
            .integer("factors", \.factors, minimum: 1, help: "k, the length of every embedding"),
            .integer("epochs", \.epochs, help: "passes over the ratings"),
            .real("learning-rate", \.learningRate, .positive, help: "η: SGD's step (squared), Adagrad's (bpr, warp)"),
            .real(
                "regularization", \.regularization, .nonNegative,
                help: "λ on the users' and items' own embeddings and biases"),
            .real(
                "regularization-features", \.featureRegularization, .nonNegative,
                help: "λ_f on the feature embeddings and biases"),
            .flag(
                "identities", \.identities,
                help: "give each user and item an embedding of its own besides its features'"),
            .integer("max-samples", \.maximumSamples, minimum: 1, help: "WARP's most negatives drawn for one positive"),
            .flag(
                "user-features", \.userFeatures,
                help: "read the user features the data has (age group, gender, occupation)"),
            .flag("item-features", \.itemFeatures, help: "read the item features the data has (genres, release years)"),
            .real(
                "identity-dropout", \.identityDropout, .closed(0, 1),
                help: "share of steps that leave out a user's or item's own embedding, so features learn to stand alone"
            ),
            .real(
                "init-std", \.initialStandardDeviation, .closed(0, 100),
                help: "standard deviation of the N(0, σ²) start"),
            .seed(\.seed, help: "seed of the start, the visiting order and the negatives"),
            .threads(\.threads),
        ] + InterestRanker.hyperparameters())

    public static func train(
        _ data: TrainingData, configuration: Configuration, observer: TrainingObserver?
    ) throws(ModelError) -> Self {
        try fit(data, configuration: configuration, observer: observer)
    }

    /// Before rankers: lists by the predicted rating.
    public static var legacyDefaults: ModelParameters { InterestRanker.legacyParameters }

    public func archive(into archive: inout ModelArchive) {
        archive.floats["mean"] = [mean]
        for (prefix, side) in [("user-side.", users), ("item-side.", items)] {
            archive.set(side.embeddings, as: prefix + "embeddings")
            archive.floats[prefix + "biases"] = side.biases
            archive.set(side.features, as: prefix + "features")
            archive.strings[prefix + "feature-names"] = side.featureNames
        }
        interestRanker?.archive(into: &archive)
    }

    public init(from reader: ArchiveReader, configuration: Configuration) throws(ModelFileError) {
        func side(_ prefix: String, count: Int) throws(ModelFileError) -> Side {
            let features = try reader.matrix(prefix + "features", rows: count)
            let names = reader.strings(prefix + "feature-names") ?? []
            guard names.count == features.columns else {
                throw reader.malformed("'\(prefix)feature-names' does not name every feature")
            }
            let embeddings = try reader.matrix(
                prefix + "embeddings", rows: count + features.columns, columns: configuration.factors)
            let biases = try reader.floats(prefix + "biases", count: count + features.columns)
            return Side(
                count: count, features: FeatureMatrix(names: names, matrix: features), factors: configuration.factors,
                identities: configuration.identities, weighting: configuration.weighting, embeddings: embeddings,
                biases: biases)
        }
        let ranker = try InterestRanker.unarchive(reader)
        var configuration = configuration
        if configuration.loss == .squared { configuration.interest = configuration.interest.matching(ranker) }
        self.init(
            configuration: configuration, mean: try reader.scalar("mean"),
            users: try side("user-side.", count: reader.training.userCount),
            items: try side("item-side.", count: reader.training.itemCount), interestRanker: ranker)
    }

    /// A new user's own embedding from their ratings, item side fixed.
    public func foldIn(items: [Int], ratings: [Float]) -> [Float] {
        scores(for: UserQuery(items: items, ratings: ratings)) ?? [Float](repeating: 0, count: itemCount)
    }

    /// With squared loss a new user's own embedding is a ridge regression on the trained V(i).
    public var ridgeItemSide: RidgeItemSide? {
        guard configuration.loss == .squared else { return nil }
        return RidgeItemSide(factors: combinedItems, base: mean, biases: itemTotals, regularization: 0.1)
    }

    public var userFeatureNames: [String] { users.featureNames }

    public var itemFeatureNames: [String] { items.featureNames }

    public var trainedItemFeatures: FeatureMatrix? {
        items.featureNames.isEmpty ? nil : FeatureMatrix(names: items.featureNames, matrix: items.features)
    }

    public var trainedUserFeatures: FeatureMatrix? {
        users.featureNames.isEmpty ? nil : FeatureMatrix(names: users.featureNames, matrix: users.features)
    }

    /// U(u) and A(u) for `query`: a trained user's, or a new user's from their features plus an own
    /// embedding fitted to their ratings; `nil` when the query gives nothing.
    func user(_ query: UserQuery) -> (vector: [Float], total: Float)? {
        if let user = query.user, query.items.isEmpty { return (combinedUsers.row(user), userTotals[user]) }
        var (vector, total) =
            query.features.map { users.combine(users.rows(ofFeatures: $0)) }
            ?? ([Float](repeating: 0, count: configuration.factors), 0)
        guard query.features != nil || !query.items.isEmpty else { return nil }
        guard !query.items.isEmpty else { return (vector, total) }
        if configuration.loss == .squared {
            // Ridge on what the features leave: r − μ − A − B(i) − U_features · V(i).
            let side = RidgeItemSide(
                factors: combinedItems, base: mean + total, biases: itemTotals, regularization: 0.1)
            let featurePart = DenseMatrix(rows: 1, columns: vector.count, storage: vector)
            let left = zip(query.items, query.ratings).map { item, rating in
                rating - featurePart.dot(row: 0, combinedItems, row: item)
            }
            let own = side.vector(items: query.items, ratings: left)
            for c in vector.indices { vector[c] += own[c] }
        } else {
            // The direction the ranking gradient pushes a new user: the mean of their items' vectors.
            for item in query.items {
                for c in vector.indices { vector[c] += combinedItems[item, c] / Float(query.items.count) }
            }
        }
        return (vector, total)
    }

    public func scores(for query: UserQuery) -> [Float]? {
        if let user = query.user, query.items.isEmpty { return scores(forUser: user) }
        guard let (vector, total) = user(query) else { return nil }
        return combinedItems.scores(against: vector, base: base(userTotal: total), biases: itemTotals)
    }

    /// The score split along the model's rows. With U = U_own + U_features and V = V_own +
    /// V_features (each a weighted sum of embedding rows):
    /// - μ and the user's own bias (squared loss);
    /// - each item feature f: w_f (b_f + U·e_f) ("Drama");
    /// - each user feature g: w_g (b_g + e_g·V_own) ("user: occupation=writer");
    /// - the item's own bias, and U_own·V_own over the items the user rated: exactly the mean of
    ///   their vectors for a new user under a ranking loss, the ridge fold-in for a new user under
    ///   squared loss, and for a trained user the ridge view (of their ratings, or under a ranking
    ///   loss of their own scores) with the residual as its own term.
    public func explain(items explained: [Int], for user: ExplainedUser) -> [Explanation]? {
        guard let (vector, total) = self.user(user.query) else { return nil }
        let squared = configuration.loss == .squared
        let userRows =
            user.user.map { users.rows(of: $0).filter { $0.0 >= users.count } }
            ?? user.features.map { users.rows(ofFeatures: $0) } ?? []
        let (featureVector, featureBias) = users.combine(userRows)
        let own = zip(vector, featureVector).map { $0 - $1 }
        let n = user.items.count
        let targets: [Float] = zip(user.items, user.ratings).map { item, rating in
            guard squared else { return combinedItems.dot(row: item, own) }
            return rating - mean - total - itemTotals[item] - combinedItems.dot(row: item, featureVector)
        }
        let attribution = RatedItemAttribution(
            factors: combinedItems, items: user.items, targets: targets, diagonal: 0.1 * Float(max(n, 1)))
        let exactMean = user.user == nil && !squared
        return explanations(of: explained, for: user) { item in
            var terms: [ExplanationTerm] = []
            if squared { terms += [ExplanationTerm(.mean, mean), ExplanationTerm(.userBias, total - featureBias)] }
            var ownItem = [Float](repeating: 0, count: configuration.factors)
            for (row, weight) in items.rows(of: item) {
                if row < items.count {
                    terms.append(ExplanationTerm(.itemBias, weight * items.biases[row]))
                    for c in ownItem.indices { ownItem[c] += weight * items.embeddings[row, c] }
                } else {
                    let part = weight * (items.biases[row] + items.embeddings.dot(row: row, vector))
                    terms.append(ExplanationTerm(.itemFeature, part, feature: items.featureNames[row - items.count]))
                }
            }
            for (row, weight) in userRows {
                let part = weight * ((squared ? users.biases[row] : 0) + users.embeddings.dot(row: row, ownItem))
                terms.append(ExplanationTerm(.userFeature, part, feature: users.featureNames[row - users.count]))
            }
            guard configuration.identities, n > 0 || user.user != nil else { return terms }
            if exactMean {
                let share = 1 / Float(n)
                for (j, rating) in zip(user.items, user.ratings) {
                    terms.append(
                        ExplanationTerm(.ratedItem, share * combinedItems.dot(row: j, ownItem), item: j, rating: rating)
                    )
                }
            } else {
                let actual = user.user == nil ? nil : zip(own, ownItem).reduce(Float(0)) { $0 + $1.0 * $1.1 }
                terms += attribution.terms(toward: ownItem, ratings: user.ratings, actual: actual)
            }
            return terms
        }
    }

    /// V = Σ w e and B = Σ w c from each new item's features.
    public func scores(ofNewItems features: DenseMatrix, for query: UserQuery) -> [Float]? {
        guard !items.featureNames.isEmpty, features.columns == items.featureNames.count,
            let (vector, total) = user(query)
        else {
            return nil
        }
        return (0..<features.rows).map { row in
            let (itemVector, itemTotal) = items.combine(items.rows(ofFeatures: features.row(row)))
            return base(userTotal: total) + itemTotal
                + zip(vector, itemVector).reduce(0) { $0 + $1.0 * $1.1 }
        }
    }
}

extension HybridFactorization.Configuration: RankedConfiguration {}
