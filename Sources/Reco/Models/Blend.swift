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
        /// Its kind.
        public var kind: ModelKind
        /// The trained model.
        public var model: any RatingModel

        /// A component.
        public init(kind: ModelKind, model: any RatingModel) {
            self.kind = kind
            self.model = model
        }
    }

    /// How the blend is trained.
    public struct Configuration: Sendable {
        /// The components and their own hyperparameters.
        public var components: [(kind: ModelKind, parameters: ModelParameters)]
        /// The share of the training ratings held out to fit the weights.
        public var holdout: Double
        /// Seed of the held-out share.
        public var seed: UInt64

        /// A configuration.
        public init(components: [(kind: ModelKind, parameters: ModelParameters)], holdout: Double = 0.1, seed: UInt64 = 42) {
            self.components = components
            self.holdout = holdout
            self.seed = seed
        }
    }

    /// The blended models.
    public let components: [Component]
    /// w₀ (the intercept), then one weight per component.
    public let weights: [Float]
    /// The scale component predictions are clipped to before blending.
    public let scale: ClosedRange<Float>
    public let userCount: Int
    public let itemCount: Int

    /// A blend of trained components.
    public init(components: [Component], weights: [Float], scale: ClosedRange<Float>) {
        precondition(!components.isEmpty && weights.count == components.count + 1, "one weight per component, plus the intercept")
        self.components = components
        self.weights = weights
        self.scale = scale
        userCount = components[0].model.userCount
        itemCount = components[0].model.itemCount
    }

    public func predict(user: Int, item: Int) -> Float {
        var value = weights[0]
        for (index, component) in components.enumerated() {
            value += weights[index + 1] * clip(component.model.predict(user: user, item: item))
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

    public func scoreItems(forUser user: Int, into scores: UnsafeMutableBufferPointer<Float>) {
        for item in 0..<itemCount { scores[item] = weights[0] }
        withUnsafeTemporaryAllocation(of: Float.self, capacity: itemCount) { part in
            for (index, component) in components.enumerated() {
                component.model.scoreItems(forUser: user, into: part)
                let weight = weights[index + 1]
                for item in 0..<itemCount { scores[item] += weight * clip(part[item]) }
            }
        }
    }

    /// The blend of per-component scores (fold-in): the same weights and clipping.
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
    public static func fit(_ ratings: RatingMatrix, configuration: Configuration) throws(ModelError) -> Blend {
        guard !configuration.components.isEmpty else { throw .invalidParameter(name: "models", value: "", expected: "at least one model") }
        guard configuration.holdout > 0 && configuration.holdout < 1 else {
            throw .invalidParameter(name: "holdout", value: "\(configuration.holdout)", expected: "a share in (0, 1)")
        }
        let scale = ratings.ratingScale ?? 1...5
        guard ratings.count >= 20 else {
            // Too few ratings to hold any out: equal weights.
            let components = try configuration.components.map { spec throws(ModelError) in
                Component(kind: spec.kind, model: try spec.kind.fit(ratings, parameters: spec.parameters))
            }
            let share = 1 / Float(components.count)
            return Blend(components: components, weights: [0] + components.map { _ in share }, scale: scale)
        }
        // 1. Components trained without the held-out share predict it.
        let split = Splitter.holdout(ratings, testFraction: configuration.holdout, seed: configuration.seed)
        var rows: [(user: Int, item: Int, rating: Float)] = []
        for user in 0..<split.test.userCount where split.train.ratingCount(ofUser: user) > 0 {
            for position in split.test.userRange(user) {
                let item = Int(split.test.userItems[position])
                if split.train.ratingCount(ofItem: item) > 0 { rows.append((user, item, split.test.userRatings[position])) }
            }
        }
        let count = configuration.components.count + 1
        var gram = [Double](repeating: 0, count: count * count)
        var moment = [Double](repeating: 0, count: count)
        var features = [[Double]](repeating: [1], count: rows.count)
        for spec in configuration.components {
            let model = try spec.kind.fit(split.train, parameters: spec.parameters)
            for (index, row) in rows.enumerated() {
                features[index].append(Double(min(max(model.predict(user: row.user, item: row.item), scale.lowerBound), scale.upperBound)))
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
            Component(kind: spec.kind, model: try spec.kind.fit(ratings, parameters: spec.parameters))
        }
        return Blend(components: components, weights: solved.map(Float.init), scale: scale)
    }
}
