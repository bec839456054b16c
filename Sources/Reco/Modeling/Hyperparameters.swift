/// A model's hyperparameters: its default configuration and one declaration per parameter, in the
/// order `reco models` lists them.
public struct Hyperparameters<Configuration: Sendable>: Sendable {
    /// The configuration every parameter left out takes its value from.
    public let defaults: Configuration
    /// Every parameter, each declared once.
    public let all: [Hyperparameter<Configuration>]

    /// The parameters of a model whose defaults are `defaults`.
    public init(defaults: Configuration, _ all: [Hyperparameter<Configuration>]) {
        self.defaults = defaults
        self.all = all
    }

    /// The keys, in declaration order.
    public var keys: [String] { all.map(\.key) }

    /// The configuration `parameters` describe: the defaults, then every given value in
    /// declaration order (so a shorthand declared first is overridden by the specific key).
    ///
    /// - Throws: `ModelError.unknownParameter` for a key the model does not have (naming the ones
    ///   it has), `ModelError.invalidParameter` for a value outside a parameter's domain.
    public func configuration(from parameters: ModelParameters, model: String) throws(ModelError) -> Configuration {
        let known = Set(keys)
        for key in parameters.values.keys.sorted() where !known.contains(key) {
            throw .unknownParameter(name: key, model: model, known: keys)
        }
        var configuration = defaults
        for parameter in all {
            if let text = parameters[parameter.key] { try parameter.parse(text, &configuration) }
        }
        return configuration
    }

    /// Every stored parameter of `configuration` as text that `configuration(from:model:)` reads
    /// back to an equal configuration.
    public func parameters(describing configuration: Configuration) -> ModelParameters {
        var result = ModelParameters()
        for parameter in all {
            if let text = parameter.format(configuration) { result[parameter.key] = text }
        }
        return result
    }

    /// Checks every value of `configuration` against its parameter's domain (a configuration built
    /// in code rather than parsed).
    ///
    /// - Throws: `ModelError.invalidParameter` naming the first parameter out of its domain.
    public func validate(_ configuration: Configuration) throws(ModelError) {
        var copy = configuration
        for parameter in all {
            if let text = parameter.format(configuration) { try parameter.parse(text, &copy) }
        }
    }

    /// What each parameter is, for listings.
    public var descriptions: [HyperparameterDescription] {
        all.map { parameter in
            HyperparameterDescription(
                key: parameter.key, domain: parameter.domain, defaultValue: parameter.format(defaults),
                help: parameter.help)
        }
    }
}
