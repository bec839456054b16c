/// The models Reco can train by name (`--model NAME`), with their hyperparameters.
public enum ModelKind: String, CaseIterable, Sendable {
    /// `GlobalMean`.
    case globalMean = "global-mean"
    /// `Popularity`.
    case popularity
    /// `BaselinePredictor`.
    case baseline
    /// `ContentBasedRecommender`.
    case contentBased = "content-based"
    /// `MatrixFactorization` (the notebook's collaborative filtering).
    case matrixFactorization = "matrix-factorization"
    /// `BiasedMatrixFactorization` (SGD; Surprise's SVD).
    case biasedMF = "biased-mf"
    /// `AlternatingLeastSquares` (ALS-WR; Spark's ALS).
    case als
    /// `SVDPlusPlus` (Koren's SVD++; Surprise's SVDpp).
    case svdPlusPlus = "svd++"
    /// `ItemKNN` (Surprise's KNNBaseline, item-based, Pearson-baseline).
    case itemKNN = "item-knn"
    /// `EASE` (Steck's closed-form item–item model for implicit feedback).
    case ease
    /// `ImplicitALS` (Hu, Koren & Volinsky's weighted MF, conjugate gradient).
    case implicitALS = "implicit-als"
    /// `BPR` (Bayesian Personalized Ranking).
    case bpr
    /// `ImplicitItemKNN` (item–item cosine, TF-IDF or BM25 neighbourhoods on interactions).
    case implicitKNN = "implicit-knn"
    /// `Blend` (a least-squares blend of rating models, weights fitted on held-out ratings).
    case blend

    /// The model named `name` (aliases accepted: `mean`, `baselineonly`, `content`, `cf`, `mf`).
    public init(parsing name: String) throws(ModelError) {
        let lowered = name.lowercased()
        let aliases: [String: ModelKind] = [
            "mean": .globalMean, "globalmean": .globalMean, "pop": .popularity, "baselineonly": .baseline,
            "baseline-only": .baseline, "content": .contentBased, "cf": .matrixFactorization, "mf": .matrixFactorization,
            "collaborative-filtering": .matrixFactorization, "svd": .biasedMF, "funk-svd": .biasedMF,
            "svdpp": .svdPlusPlus, "svd-plus-plus": .svdPlusPlus, "knn": .itemKNN, "knnbaseline": .itemKNN,
        ]
        guard let kind = ModelKind(rawValue: lowered) ?? aliases[lowered] else {
            throw .invalidParameter(
                name: "model", value: name, expected: ModelKind.allCases.map(\.rawValue).joined(separator: ", "))
        }
        self = kind
    }

    /// Whether the model ranks items without predicting ratings (its default metrics are top-N).
    public var ranksOnly: Bool { [.popularity, .ease, .implicitALS, .bpr, .implicitKNN].contains(self) }

    /// One line on what the model is.
    public var summary: String {
        switch self {
        case .globalMean: return "predicts the training mean"
        case .popularity: return "ranks items by training interactions"
        case .baseline: return "μ + b_u + b_i by alternating least squares (Surprise's BaselineOnly)"
        case .contentBased: return "per-user ridge regression on item features (the notebook's content-based model)"
        case .matrixFactorization: return "θ·x by full-batch gradient descent (the notebook's collaborative filtering)"
        case .biasedMF: return "μ + b_u + b_i + p_u·q_i by SGD (Funk; Surprise's SVD)"
        case .als: return "p_u·q_i by alternating least squares with weighted-λ regularization (Spark's ALS)"
        case .svdPlusPlus: return "biased MF plus the implicit feedback of rated items (Koren's SVD++)"
        case .itemKNN: return "item-item k-NN on baseline residuals, shrunk Pearson-baseline similarity (KNNBaseline)"
        case .ease: return "closed-form item-item model on interactions (Steck's EASE^R); ranks, does not predict ratings"
        case .implicitALS: return "weighted MF on interactions by ALS with conjugate gradient (Hu, Koren & Volinsky); ranks"
        case .bpr: return "MF trained to rank by Bayesian Personalized Ranking with uniform negative sampling; ranks"
        case .implicitKNN: return "item-item neighbourhoods on interactions, cosine, TF-IDF or BM25 weighted; ranks"
        case .blend: return "least-squares blend of rating models, weights fitted on held-out ratings (stacking)"
        }
    }

    /// The hyperparameters the model reads, with their defaults.
    public var parameterDefaults: [(name: String, value: String)] {
        switch self {
        case .globalMean, .popularity: return []
        case .baseline: return [("epochs", "10"), ("regularization-item", "10"), ("regularization-user", "15")]
        case .contentBased:
            return [("solver", "ridge"), ("regularization", "5"), ("intercept", "true"), ("learning-rate", "0.01"), ("epochs", "100"), ("seed", "42")]
        case .matrixFactorization:
            return [("factors", "10"), ("regularization", "10"), ("learning-rate", "0.0015"), ("epochs", "300"), ("init-std", "0.1"), ("centering", "true"), ("seed", "42")]
        case .biasedMF:
            return [("factors", "100"), ("epochs", "20"), ("learning-rate", "0.005"), ("regularization", "0.02"), ("init-std", "0.1"), ("seed", "42"), ("threads", "all cores")]
        case .als:
            return [("factors", "10"), ("epochs", "20"), ("regularization", "0.1"), ("centering", "false"), ("seed", "42"), ("threads", "all cores")]
        case .svdPlusPlus:
            return [("factors", "20"), ("epochs", "20"), ("learning-rate", "0.007"), ("regularization", "0.02"), ("init-std", "0.1"), ("seed", "42")]
        case .itemKNN:
            return [("neighbors", "40"), ("shrinkage", "100"), ("min-support", "1"), ("min-neighbors", "1"), ("threads", "all cores")]
        case .ease:
            return [("regularization", "250"), ("threads", "all cores")]
        case .implicitALS:
            return [("factors", "64"), ("epochs", "15"), ("regularization", "0.05"), ("alpha", "1"), ("cg-steps", "3"), ("use-ratings", "false"), ("seed", "42"), ("threads", "all cores")]
        case .bpr:
            return [("factors", "100"), ("epochs", "100"), ("learning-rate", "0.01"), ("regularization", "0.01"), ("seed", "42")]
        case .implicitKNN:
            return [("similarity", "cosine"), ("neighbors", "20"), ("k1", "100"), ("b", "0.8"), ("threads", "all cores")]
        case .blend:
            return [("models", Self.defaultBlend), ("holdout", "0.1"), ("seed", "42"), ("MODEL.NAME", "a component's parameter, e.g. svd++.factors=200")]
        }
    }

    /// Whether fitting needs item features.
    public var needsItemFeatures: Bool { self == .contentBased }

    /// Checks `parameters` (names and values) without training: the same errors `fit` would throw.
    public func validate(_ parameters: ModelParameters) throws(ModelError) {
        let empty = RatingMatrix(userIDs: IDMap(), itemIDs: IDMap(), ratings: RatingList())
        _ = try fit(empty, itemFeatures: DenseMatrix(rows: 0, columns: 1), parameters: parameters)
    }

    /// Trains the model on `train`.
    ///
    /// - Parameters:
    ///   - itemFeatures: items × f in the item order of `train` (content-based only).
    ///   - parameters: hyperparameters; unknown names are an error that lists the valid ones.
    public func fit(
        _ train: RatingMatrix, itemFeatures: DenseMatrix? = nil, parameters: ModelParameters = ModelParameters(),
        observer: TrainingObserver? = nil
    ) throws(ModelError) -> any RatingModel {
        // `regularization` sets both of the baseline's penalties at once.
        let known = Set(parameterDefaults.map(\.name) + ["seed", "threads"] + (self == .baseline ? ["regularization"] : []))
        // A blend's "model.parameter" keys are checked by the component they name.
        for key in parameters.values.keys.sorted() where !known.contains(key) && !(self == .blend && key.contains(".")) {
            let names = parameterDefaults.map(\.name)
            throw .invalidParameter(
                name: key, value: parameters[key]!,
                expected: names.isEmpty
                    ? "nothing: \(rawValue) has no parameters"
                    : "one of the parameters of \(rawValue): \(names.joined(separator: ", "))")
        }
        switch self {
        case .globalMean:
            return GlobalMean(train)
        case .popularity:
            return Popularity(train)
        case .baseline:
            let shared = try parameters.double("regularization", default: .nan)
            let configuration = BaselinePredictor.Configuration(
                epochs: try parameters.int("epochs", default: 10),
                itemRegularization: try parameters.double("regularization-item", default: shared.isNaN ? 10 : shared, range: 0...1e9),
                userRegularization: try parameters.double("regularization-user", default: shared.isNaN ? 15 : shared, range: 0...1e9))
            return try BaselinePredictor.fit(train, configuration: configuration)
        case .contentBased:
            guard let itemFeatures else {
                throw .missingInput(
                    "content-based needs item features: use data with genres (a MovieLens or RecBole folder) or pass --item-features FILE")
            }
            let solverName = parameters["solver"] ?? "ridge"
            let solver: ContentBasedRecommender.Solver
            switch solverName {
            case "ridge": solver = .ridge
            case "gradient-descent", "gd":
                solver = .gradientDescent(
                    learningRate: try parameters.double("learning-rate", default: 0.01),
                    steps: try parameters.int("epochs", default: 100))
            default: throw .invalidParameter(name: "solver", value: solverName, expected: "ridge or gradient-descent")
            }
            let configuration = ContentBasedRecommender.Configuration(
                solver: solver, regularization: try parameters.double("regularization", default: 5),
                intercept: try parameters.bool("intercept", default: true), seed: try parameters.seed(default: 42))
            return try ContentBasedRecommender.fit(train, itemFeatures: itemFeatures, configuration: configuration, observer: observer)
        case .matrixFactorization:
            let configuration = MatrixFactorization.Configuration(
                factors: try parameters.int("factors", default: 10, minimum: 1),
                regularization: try parameters.double("regularization", default: 10),
                learningRate: try parameters.double("learning-rate", default: 0.0015),
                steps: try parameters.int("epochs", default: 300),
                initialStandardDeviation: try parameters.double("init-std", default: 0.1, range: 0...100),
                centering: try parameters.bool("centering", default: true), seed: try parameters.seed(default: 42))
            return try MatrixFactorization.fit(train, configuration: configuration, observer: observer)
        case .biasedMF:
            let configuration = BiasedMatrixFactorization.Configuration(
                factors: try parameters.int("factors", default: 100, minimum: 1), epochs: try parameters.int("epochs", default: 20),
                learningRate: Float(try parameters.double("learning-rate", default: 0.005)),
                regularization: Float(try parameters.double("regularization", default: 0.02)),
                initialStandardDeviation: Float(try parameters.double("init-std", default: 0.1, range: 0...100)),
                seed: try parameters.seed(default: 42), threads: try parameters.threads())
            return try BiasedMatrixFactorization.fit(train, configuration: configuration, observer: observer)
        case .als:
            let configuration = AlternatingLeastSquares.Configuration(
                factors: try parameters.int("factors", default: 10, minimum: 1), iterations: try parameters.int("epochs", default: 20),
                regularization: Float(try parameters.double("regularization", default: 0.1)),
                centering: try parameters.bool("centering", default: false), seed: try parameters.seed(default: 42),
                threads: try parameters.threads())
            return try AlternatingLeastSquares.fit(train, configuration: configuration, observer: observer)
        case .svdPlusPlus:
            let configuration = SVDPlusPlus.Configuration(
                factors: try parameters.int("factors", default: 20, minimum: 1), epochs: try parameters.int("epochs", default: 20),
                learningRate: Float(try parameters.double("learning-rate", default: 0.007)),
                regularization: Float(try parameters.double("regularization", default: 0.02)),
                initialStandardDeviation: Float(try parameters.double("init-std", default: 0.1, range: 0...100)),
                seed: try parameters.seed(default: 42))
            return try SVDPlusPlus.fit(train, configuration: configuration, observer: observer)
        case .itemKNN:
            let configuration = ItemKNN.Configuration(
                neighbors: try parameters.int("neighbors", default: 40, minimum: 1),
                shrinkage: Float(try parameters.double("shrinkage", default: 100, range: 0...1e9)),
                minimumSupport: try parameters.int("min-support", default: 1),
                minimumNeighbors: try parameters.int("min-neighbors", default: 1), threads: try parameters.threads())
            return try ItemKNN.fit(train, configuration: configuration)
        case .ease:
            let configuration = EASE.Configuration(
                regularization: try parameters.double("regularization", default: 250), threads: try parameters.threads())
            return try EASE.fit(train, configuration: configuration)
        case .implicitALS:
            let configuration = ImplicitALS.Configuration(
                factors: try parameters.int("factors", default: 64, minimum: 1), iterations: try parameters.int("epochs", default: 15),
                regularization: Float(try parameters.double("regularization", default: 0.05)),
                alpha: Float(try parameters.double("alpha", default: 1)),
                conjugateGradientSteps: try parameters.int("cg-steps", default: 3, minimum: 1),
                useRatingValues: try parameters.bool("use-ratings", default: false), seed: try parameters.seed(default: 42),
                threads: try parameters.threads())
            return try ImplicitALS.fit(train, configuration: configuration, observer: observer)
        case .bpr:
            let configuration = BPR.Configuration(
                factors: try parameters.int("factors", default: 100, minimum: 1), epochs: try parameters.int("epochs", default: 100),
                learningRate: Float(try parameters.double("learning-rate", default: 0.01)),
                regularization: Float(try parameters.double("regularization", default: 0.01)), seed: try parameters.seed(default: 42))
            return try BPR.fit(train, configuration: configuration, observer: observer)
        case .blend:
            return try Blend.fit(train, configuration: try Self.blendConfiguration(parameters))
        case .implicitKNN:
            let name = parameters["similarity"] ?? "cosine"
            guard let similarity = ImplicitItemKNN.Similarity(rawValue: name) else {
                throw .invalidParameter(name: "similarity", value: name, expected: "cosine, tfidf or bm25")
            }
            let configuration = ImplicitItemKNN.Configuration(
                similarity: similarity, neighbors: try parameters.int("neighbors", default: 20, minimum: 1),
                k1: Float(try parameters.double("k1", default: 100, range: 0...1e9)),
                b: Float(try parameters.double("b", default: 0.8, range: 0...1)), threads: try parameters.threads())
            return try ImplicitItemKNN.fit(train, configuration: configuration)
        }
    }

    /// The components of the default blend.
    static let defaultBlend = "svd++,item-knn,als"

    /// A blend's components from `models=a,b,c` and `a.parameter=value` keys (plus `threads`).
    static func blendConfiguration(_ parameters: ModelParameters) throws(ModelError) -> Blend.Configuration {
        let names = (parameters["models"] ?? defaultBlend).split(separator: ",").map { String($0).trimmingCharacters(in: " ") }
        var components: [(kind: ModelKind, parameters: ModelParameters)] = []
        var prefixes: [String] = []
        for name in names {
            let kind = try ModelKind(parsing: name)
            guard kind != .blend, !kind.ranksOnly, !kind.needsItemFeatures, !components.contains(where: { $0.kind == kind }) else {
                throw .invalidParameter(
                    name: "models", value: parameters["models"] ?? defaultBlend,
                    expected: "distinct rating models without item features (not blend, content-based or a ranking model)")
            }
            var own = ModelParameters()
            for prefix in Set([kind.rawValue + ".", name.lowercased() + "."]) {
                prefixes.append(prefix)
                for (key, value) in parameters.values where key.hasPrefix(prefix) { own[String(key.dropFirst(prefix.count))] = value }
            }
            if let threads = parameters["threads"], kind.parameterDefaults.contains(where: { $0.name == "threads" }) { own["threads"] = threads }
            components.append((kind, own))
        }
        for key in parameters.values.keys.sorted() where key.contains(".") && !prefixes.contains(where: { key.hasPrefix($0) }) {
            throw .invalidParameter(name: key, value: parameters[key]!, expected: "a parameter of one of the blended models: \(names.joined(separator: ", "))")
        }
        return Blend.Configuration(
            components: components, holdout: try parameters.double("holdout", default: 0.1, range: 0...1), seed: try parameters.seed(default: 42))
    }
}
