/// A registered model type, as the CLI, the service and model files name it (`--model biased-mf`).
///
/// Two kinds are equal when they wrap the same type. Everything a kind knows comes from the type's
/// own `TrainableModel` declarations.
public struct ModelKind: Hashable, Sendable, CustomStringConvertible {
    /// The model type.
    public let type: any TrainableModel.Type

    /// The kind of `type`.
    public init(_ type: any TrainableModel.Type) {
        self.type = type
    }

    /// Name, aliases, summary and needs.
    public var descriptor: ModelDescriptor { type.descriptor }
    /// The name users type and files record.
    public var name: String { descriptor.name }
    /// One line on what the model is.
    public var summary: String { descriptor.summary }
    /// Whether it ranks without predicting ratings.
    public var ranksOnly: Bool { descriptor.ranksOnly }
    /// Whether training needs item features.
    public var needsItemFeatures: Bool { descriptor.inputs.contains(.itemFeatures) }
    /// Its hyperparameters, in declaration order, with their defaults.
    public var parameters: [HyperparameterDescription] { type.parameterDescriptions }
    /// The name.
    public var description: String { name }

    /// Whether the model has a hyperparameter called `key` (canonical form).
    public func hasParameter(_ key: String) -> Bool { parameters.contains { $0.key == ModelParameters.canonical(key) } }

    /// Trains the model on `data` with the hyperparameters `parameters` names.
    ///
    /// - Throws: `ModelError` naming an unknown or invalid parameter, or an input the data lacks.
    public func fit(
        _ data: TrainingData, parameters: ModelParameters = ModelParameters(), observer: TrainingObserver? = nil
    ) throws(ModelError) -> any TrainableModel {
        if needsItemFeatures { _ = try data.requireItemFeatures(for: name) }
        return try type.train(data, parameters: parameters, observer: observer)
    }

    /// Trains the model on `ratings` (and `itemFeatures`, for models that read them).
    ///
    /// - Throws: `ModelError` naming an unknown or invalid parameter, or an input the data lacks.
    public func fit(
        _ ratings: RatingMatrix, itemFeatures: FeatureMatrix? = nil, parameters: ModelParameters = ModelParameters(),
        observer: TrainingObserver? = nil
    ) throws(ModelError) -> any TrainableModel {
        try fit(TrainingData(ratings: ratings, itemFeatures: itemFeatures), parameters: parameters, observer: observer)
    }

    /// Checks `parameters` without training: the errors `fit` would throw for them.
    ///
    /// - Throws: `ModelError.unknownParameter` or `.invalidParameter`.
    public func validate(_ parameters: ModelParameters) throws(ModelError) {
        try type.validate(parameters)
    }

    /// Whether the two are the same model type.
    public static func == (lhs: ModelKind, rhs: ModelKind) -> Bool {
        ObjectIdentifier(lhs.type) == ObjectIdentifier(rhs.type)
    }

    /// Hashes the model type.
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(type)) }
}

extension TrainableModel {
    static var parameterDescriptions: [HyperparameterDescription] { hyperparameters.descriptions }

    static func validate(_ parameters: ModelParameters) throws(ModelError) { _ = try configuration(from: parameters) }
}
