/// Why a model cannot be trained as asked, or cannot answer a query.
public enum ModelError: Error, CustomStringConvertible, Equatable {
    /// The model has no item vectors, so item similarity is undefined.
    case noItemVectors(model: String)
    /// An index outside the model's users or items.
    case indexOutOfRange(kind: String, index: Int, count: Int)
    /// The model needs data the input does not have.
    case missingInput(String)
    /// A hyperparameter's value is not valid: `name` is the key as the user types it
    /// (`learning-rate`), `expected` says what would be.
    case invalidParameter(name: String, value: String, expected: String)
    /// A hyperparameter the model does not have, with the ones it does.
    case unknownParameter(name: String, model: String, known: [String])
    /// A model name no registered model has, with the closest names.
    case unknownModel(name: String, suggestions: [String])

    /// What went wrong, for people.
    public var description: String {
        switch self {
        case .noItemVectors(let model): return "\(model) has no item vectors, so it cannot find similar items"
        case .indexOutOfRange(let kind, let index, let count): return "\(kind) index \(index) is outside 0..<\(count)"
        case .missingInput(let message): return message
        case .invalidParameter(let name, let value, let expected):
            return "\(name) = \(value) is invalid: expected \(expected)"
        case .unknownParameter(let name, let model, let known):
            guard !known.isEmpty else { return "\(model) has no parameters, so '\(name)' cannot be set" }
            return
                "\(model) has no parameter '\(name)'; its parameters are \(known.joined(separator: ", ")) (see `reco models`)"
        case .unknownModel(let name, let suggestions):
            return "unknown model '\(name)'; did you mean \(suggestions.map { "'\($0)'" }.joined(separator: ", "))? "
                + "(`reco models` lists them all)"
        }
    }
}

extension ModelError {
    /// The same error with `prefix` before the parameter it names (a blend's `svd++.factors`).
    func prefixingParameter(with prefix: String) -> ModelError {
        switch self {
        case .invalidParameter(let name, let value, let expected):
            return .invalidParameter(name: prefix + name, value: value, expected: expected)
        case .unknownParameter(let name, let model, let known):
            return .unknownParameter(name: prefix + name, model: model, known: known)
        default: return self
        }
    }
}
