/// A linear blend of rating models (stacking): w₀ + Σ wᵢ rᵢ(u, i), each rᵢ a component's
/// prediction clipped to the rating scale.
///
/// The weights are fitted by least squares on ratings the components did not see: a seeded share of
/// the training ratings (`holdout`) is set aside, every component is trained on the rest and
/// predicts it, the weights come from those predictions, then every component is retrained on all
/// the ratings. Models whose errors differ (a factor model and a neighbourhood model) blend best.
public struct Blend: RatingModel {
    /// One blended model.
    public struct Component: Sendable {
        /// The trained model.
        public let model: any TrainableModel

        /// A component.
        public init(model: any TrainableModel) {
            self.model = model
        }

        /// Its kind.
        public var kind: ModelKind { ModelKind(type(of: model)) }
    }

    /// A model to blend and the hyperparameters it is trained with.
    public struct ComponentSpecification: Sendable, Equatable {
        /// The model kind.
        public var kind: ModelKind
        /// Its own hyperparameters (the defaults for the rest).
        public var parameters: ModelParameters

        /// A component specification.
        public init(kind: ModelKind, parameters: ModelParameters = ModelParameters()) {
            self.kind = kind
            self.parameters = parameters
        }
        /// What the component trains with inside a blend: its parameters, with no ranker unless they
        /// name one (the blend's lists follow its blended rating, so a component's ranker would go
        /// unused).
        var trainingParameters: ModelParameters {
            guard kind.hasParameter("ranker"), parameters["ranker"] == nil else { return parameters }
            return parameters.merging(ModelParameters(["ranker": "none"]))
        }
    }

    /// How the blend is trained.
    public struct Configuration: Sendable, Equatable {
        /// The components and their own hyperparameters.
        public var components: [ComponentSpecification]
        /// The share of the training ratings held out to fit the weights.
        public var holdout: Double
        /// Seed of the held-out share.
        public var seed: UInt64

        /// A configuration; the default blends svd++, item-knn and als with their defaults.
        public init(
            components: [ComponentSpecification] = [
                ComponentSpecification(kind: SVDPlusPlus.kind), ComponentSpecification(kind: ItemKNN.kind),
                ComponentSpecification(kind: AlternatingLeastSquares.kind),
            ], holdout: Double = 0.1, seed: UInt64 = 42
        ) {
            self.components = components
            self.holdout = holdout
            self.seed = seed
        }
    }

    /// The hyperparameters it was trained with.
    public let configuration: Configuration
    /// The blended models.
    public let components: [Component]
    /// w₀ (the intercept), then one weight per component.
    public let weights: [Float]
    /// The scale component predictions are clipped to before blending.
    public let scale: ClosedRange<Float>
    public let userCount: Int
    public let itemCount: Int

    /// A blend of trained components.
    ///
    /// - Precondition: at least one component, of one size, and one weight per component plus the intercept.
    public init(
        components: [Component], weights: [Float], scale: ClosedRange<Float>,
        configuration: Configuration = Configuration()
    ) {
        precondition(
            !components.isEmpty && weights.count == components.count + 1, "one weight per component, plus the intercept"
        )
        precondition(
            components.allSatisfy {
                $0.model.userCount == components[0].model.userCount
                    && $0.model.itemCount == components[0].model.itemCount
            },
            "the components know different users or items")
        self.configuration = configuration
        self.components = components
        self.weights = weights
        self.scale = scale
        userCount = components[0].model.userCount
        itemCount = components[0].model.itemCount
    }

    public func predict(user: Int, item: Int) -> Float {
        weighted { $0.predict(user: user, item: item) }
    }

    /// The weighted sum of the components' estimates at `timestamp`.
    public func predict(user: Int, item: Int, at timestamp: Int64) -> Float {
        weighted { $0.predict(user: user, item: item, at: timestamp) }
    }

    /// The intercept plus each component's clipped `estimate` times its weight.
    private func weighted(_ estimate: (any TrainableModel) -> Float) -> Float {
        var value = weights[0]
        for (index, component) in components.enumerated() {
            value += weights[index + 1] * clip(estimate(component.model))
        }
        return value
    }

    /// The blend of the components' estimates; a component with none (no biases) stands in with
    /// the mean of the others', and with no estimate at all the blend has none either.
    public func baselinePrediction(user: Int?, item: Int?) -> Float? {
        let estimates = components.map { $0.model.baselinePrediction(user: user, item: item).map(clip) }
        let known = estimates.compactMap { $0 }
        guard !known.isEmpty else { return nil }
        let standIn = known.reduce(0, +) / Float(known.count)
        var value = weights[0]
        for (index, estimate) in estimates.enumerated() { value += weights[index + 1] * (estimate ?? standIn) }
        return value
    }

    public func scoreItems(forUser user: Int, into scores: inout MutableSpan<Float>) {
        for item in 0..<itemCount { scores[item] = weights[0] }
        var part = [Float](repeating: 0, count: itemCount)
        for (index, component) in components.enumerated() {
            component.model.score(user: user, into: &part)
            let weight = weights[index + 1]
            for item in 0..<itemCount { scores[item] += weight * clip(part[item]) }
        }
    }

    /// The blend of per-component scores: the same weights and clipping.
    func combine(_ componentScores: [[Float]]) -> [Float] {
        var scores = [Float](repeating: weights[0], count: itemCount)
        for (index, part) in componentScores.enumerated() {
            for item in 0..<itemCount { scores[item] += weights[index + 1] * clip(part[item]) }
        }
        return scores
    }

    /// The first component's item vectors that has them (similar items).
    public var itemVectors: DenseMatrix? { components.lazy.compactMap(\.model.itemVectors).first }

    /// The first component's user vectors that has them (similar users).
    public var userVectors: DenseMatrix? { components.lazy.compactMap(\.model.userVectors).first }

    private func clip(_ value: Float) -> Float { min(max(value, scale.lowerBound), scale.upperBound) }

    // MARK: - Training

    /// Trains the components and fits the weights (see the type's description).
    ///
    /// - Throws: `ModelError.invalidParameter` for a value out of its domain or a component that
    ///   cannot be blended, and whatever a component's training throws.
    public static func fit(
        _ ratings: RatingMatrix, configuration: Configuration = Configuration()
    ) throws(ModelError) -> Blend {
        try hyperparameters.validate(configuration)
        let scale = ratings.ratingScale ?? 1...5
        guard ratings.count >= 20 else {
            // Too few ratings to hold any out: equal weights.
            let components = try configuration.components.map { spec throws(ModelError) in
                Component(model: try spec.kind.fit(ratings, parameters: spec.trainingParameters))
            }
            let share = 1 / Float(components.count)
            return Blend(
                components: components, weights: [0] + components.map { _ in share }, scale: scale,
                configuration: configuration)
        }
        // 1. Components trained without the held-out share predict it.
        let split = Splitter.holdout(ratings, testFraction: configuration.holdout, seed: configuration.seed)
        var rows: [(user: Int, item: Int, rating: Float, time: Int64?)] = []
        for user in 0..<split.test.userCount where split.train.ratingCount(ofUser: user) > 0 {
            for position in split.test.userRange(user) {
                let item = Int(split.test.userItems[position])
                if split.train.ratingCount(ofItem: item) > 0 {
                    let time = split.test.hasTimestamps ? split.test.userTimestamps[position] : nil
                    rows.append((user, item, split.test.userRatings[position], time))
                }
            }
        }
        let count = configuration.components.count + 1
        var gram = [Double](repeating: 0, count: count * count)
        var moment = [Double](repeating: 0, count: count)
        var features = [[Double]](repeating: [1], count: rows.count)
        for spec in configuration.components {
            let model = try spec.kind.fit(split.train, parameters: spec.trainingParameters)
            for (index, row) in rows.enumerated() {
                let estimate =
                    row.time.map { model.predict(user: row.user, item: row.item, at: $0) }
                    ?? model.predict(user: row.user, item: row.item)
                features[index].append(Double(min(max(estimate, scale.lowerBound), scale.upperBound)))
            }
        }
        // 2. Least squares for the weights (a tiny ridge keeps collinear components solvable).
        for (index, row) in rows.enumerated() {
            let x = features[index]
            for a in 0..<count {
                moment[a] += x[a] * Double(row.rating)
                for b in 0..<count { gram[a * count + b] += x[a] * x[b] }
            }
        }
        for d in 1..<count { gram[d * count + d] += 1e-6 * Double(max(rows.count, 1)) }
        guard let solved = Cholesky.solve(gram, moment) else {
            throw .missingInput("the blend's weights could not be fitted: the held-out predictions are degenerate")
        }
        // 3. Every component retrained on all the ratings.
        let components = try configuration.components.map { spec throws(ModelError) in
            Component(model: try spec.kind.fit(ratings, parameters: spec.trainingParameters))
        }
        return Blend(
            components: components, weights: solved.map(Float.init), scale: scale, configuration: configuration)
    }
}

extension Blend: TrainableModel {
    public static let descriptor = ModelDescriptor(
        name: "blend",
        summary:
            "a least-squares blend of rating models (stacking): w₀ + Σ wᵢ r̂ᵢ, the weights fitted on a held-out share of the "
            + "training ratings, then every model retrained on all of them")
    public static let hyperparameters = Hyperparameters(
        defaults: Configuration(),
        [
            Hyperparameter(
                "models", domain: .text("rating models separated by commas"),
                help: "the blended models; each one's own parameters as MODEL.NAME (svd++.factors=200)"
            ) { text, configuration throws(ModelError) in
                configuration.components = try components(named: text)
            } format: {
                $0.components.map(\.kind.name).joined(separator: ",")
            },
            .real("holdout", \.holdout, .fraction, help: "the share of the training ratings the weights are fitted on"),
            .seed(\.seed, help: "seed of the held-out share"),
            Hyperparameter("threads", domain: .threads, help: "threads for every component that takes them") {
                text, configuration throws(ModelError) in
                guard let value = Int(text), value >= 1 else {
                    throw .invalidParameter(
                        name: "threads", value: text, expected: HyperparameterDomain.threads.description)
                }
                for index in configuration.components.indices
                where configuration.components[index].kind.hasParameter("threads") {
                    configuration.components[index].parameters["threads"] = "\(value)"
                }
            } format: { _ in
                nil
            },
        ])

    /// The components `models=a,b,c` names, from the standard registry.
    static func components(named text: String) throws(ModelError) -> [ComponentSpecification] {
        let names = text.split(separator: ",").map { String($0).trimmingCharacters(in: " ") }.filter { !$0.isEmpty }
        var components: [ComponentSpecification] = []
        for name in names {
            let kind: ModelKind
            do {
                kind = try ModelRegistry.standard.kind(named: name)
            } catch {
                throw .invalidParameter(name: "models", value: text, expected: "names of rating models (\(error))")
            }
            guard kind != Blend.kind, !kind.ranksOnly, !kind.needsItemFeatures,
                !components.contains(where: { $0.kind == kind })
            else {
                throw .invalidParameter(
                    name: "models", value: text,
                    expected:
                        "distinct rating models without item features (not blend, content-based or a ranking model)")
            }
            components.append(ComponentSpecification(kind: kind))
        }
        guard !components.isEmpty else {
            throw .invalidParameter(name: "models", value: text, expected: "at least one rating model")
        }
        return components
    }

    /// The blend's own parameters, then each `MODEL.NAME` key handed to the component it names
    /// (by name or alias) and checked by that model's declarations.
    public static func configuration(from parameters: ModelParameters) throws(ModelError) -> Configuration {
        var own = ModelParameters()
        for (key, value) in parameters.values where !key.contains(".") { own[key] = value }
        var configuration = try hyperparameters.configuration(from: own, model: descriptor.name)
        for key in parameters.values.keys.sorted() where key.contains(".") {
            let prefix = String(key[..<key.firstIndex(of: ".")!])
            guard
                let index = configuration.components.firstIndex(where: {
                    $0.kind.name == prefix || $0.kind.descriptor.aliases.contains(prefix)
                })
            else {
                throw .invalidParameter(
                    name: key, value: parameters[key]!,
                    expected:
                        "a parameter of one of the blended models: \(configuration.components.map(\.kind.name).joined(separator: ", "))"
                )
            }
            configuration.components[index].parameters[String(key.dropFirst(prefix.count + 1))] = parameters[key]!
        }
        for component in configuration.components {
            do {
                try component.kind.validate(component.parameters)
            } catch {
                throw error.prefixingParameter(with: component.kind.name + ".")
            }
        }
        return configuration
    }

    /// `models`, `holdout`, `seed`, and each component's own parameters as `MODEL.NAME`.
    public static func parameters(describing configuration: Configuration) -> ModelParameters {
        var result = hyperparameters.parameters(describing: configuration)
        for component in configuration.components {
            for (key, value) in component.parameters.values { result[component.kind.name + "." + key] = value }
        }
        return result
    }

    public static func train(
        _ data: TrainingData, configuration: Configuration, observer: TrainingObserver?
    ) throws(ModelError) -> Self {
        try fit(data.ratings, configuration: configuration)
    }

    public func archive(into archive: inout ModelArchive) {
        archive.floats["blend-weights"] = weights
        archive.floats["blend-scale"] = [scale.lowerBound, scale.upperBound]
        archive.strings["blend-kinds"] = components.map(\.kind.name)
        for (index, component) in components.enumerated() {
            var part = ModelArchive()
            part.fields["configuration"] = component.model.configurationParameters.description
            component.model.archive(into: &part)
            archive.merge(part, prefix: "component-\(index).")
        }
    }

    /// Each component is read with its own `configuration` field, or, in files written before it
    /// existed, with the parameters the blend's configuration gave it.
    public init(from reader: ArchiveReader, configuration: Configuration) throws(ModelFileError) {
        guard let names = reader.strings("blend-kinds"), !names.isEmpty else {
            throw reader.malformed("the blend has no components")
        }
        let weights = try reader.floats("blend-weights", count: names.count + 1)
        let scale = try reader.floats("blend-scale", count: 2)
        guard scale[0] <= scale[1] else { throw reader.malformed("the blend's rating scale is empty") }
        var components: [Component] = []
        for (index, name) in names.enumerated() {
            guard let kind = try? reader.registry.kind(named: name), kind != Blend.kind else {
                throw reader.malformed("unknown blended model '\(name)'")
            }
            let part = reader.component(prefix: "component-\(index).")
            var parameters = ModelParameters()
            if let text = part.field("configuration") {
                do {
                    parameters = try ModelParameters.parse(text)
                } catch {
                    throw reader.malformed("component \(index)'s configuration: \(error)")
                }
            } else {
                // A file written before components recorded their configuration: the component was
                // trained with the blend's parameters for it over the defaults of its day.
                let given = index < configuration.components.count && configuration.components[index].kind == kind
                parameters = kind.type.legacyDefaults.merging(
                    given ? configuration.components[index].parameters : ModelParameters())
            }
            components.append(Component(model: try kind.type.unarchive(part, parameters: parameters)))
        }
        self.init(components: components, weights: weights, scale: scale[0]...scale[1], configuration: configuration)
    }

    /// The intercept, then each component's terms times its weight (tagged with the component), and
    /// where the blend clipped a component's estimate to the scale, that clipping as a term.
    public func explain(items: [Int], for user: ExplainedUser) -> [Explanation]? {
        var parts: [[Explanation]] = []
        for component in components {
            guard let explained = component.model.explain(items: items, for: user) else { return nil }
            parts.append(explained)
        }
        // The blend's score from the components' (as `scoreItems` and `combine` add them), so no
        // component scores its whole catalogue twice.
        return items.indices.map { position in
            var score = weights[0]
            for index in components.indices { score += weights[index + 1] * clip(parts[index][position].score) }
            var terms = [ExplanationTerm(.intercept, weights[0])]
            for (index, component) in components.enumerated() {
                let weight = weights[index + 1]
                let part = parts[index][position]
                terms += part.weighted(weight, component: component.kind.name)
                let clipped = clip(part.score)
                if clipped != part.score {
                    terms.append(
                        ExplanationTerm(.clipping, weight * (clipped - part.score), component: component.kind.name))
                }
            }
            return Explanation(item: items[position], score: score, terms: terms)
        }
    }

    /// Each component's fold-in, blended with the same weights and clipping.
    public func foldIn(items: [Int], ratings: [Float]) -> [Float] {
        combine(components.map { $0.model.foldIn(items: items, ratings: ratings) })
    }
}
