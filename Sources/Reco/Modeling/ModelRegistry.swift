/// The models Reco knows by name. The CLI, the service and model files look kinds up here, and the
/// registry-wide tests run every listed model, so a new model is its own file plus one line below.
public struct ModelRegistry: Sendable {
    /// Every registered kind, in listing order.
    public let kinds: [ModelKind]

    /// A registry of `types` (names and aliases must be unique).
    public init(_ types: [any TrainableModel.Type]) {
        kinds = types.map(ModelKind.init)
        let names = kinds.flatMap { [$0.name] + $0.descriptor.aliases }
        precondition(Set(names).count == names.count, "two registered models share a name or alias")
    }

    /// Reco's models.
    public static let standard = ModelRegistry([
        GlobalMean.self,
        Popularity.self,
        BaselinePredictor.self,
        ContentBasedRecommender.self,
        MatrixFactorization.self,
        BiasedMatrixFactorization.self,
        AlternatingLeastSquares.self,
        SVDPlusPlus.self,
        TimeSVDPlusPlus.self,
        ItemKNN.self,
        EASE.self,
        ImplicitALS.self,
        BPR.self,
        ImplicitItemKNN.self,
        Blend.self,
        HybridFactorization.self,
    ])

    /// This registry with `type` added (a model defined outside the library).
    public func adding(_ type: any TrainableModel.Type) -> ModelRegistry {
        ModelRegistry(kinds.map(\.type) + [type])
    }

    /// The kind called `name` (or one of its aliases), case-insensitively.
    ///
    /// - Throws: `ModelError.unknownModel` with the closest names.
    public func kind(named name: String) throws(ModelError) -> ModelKind {
        let lowered = name.lowercased()
        if let kind = kinds.first(where: { $0.name == lowered || $0.descriptor.aliases.contains(lowered) }) {
            return kind
        }
        throw .unknownModel(name: name, suggestions: IDMap(kinds.map(\.name)).closest(to: lowered))
    }

    /// The names, in listing order.
    public var names: [String] { kinds.map(\.name) }
}
