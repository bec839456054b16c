/// A user or item id the model does not know.
public enum LookupError: Error, CustomStringConvertible, Equatable {
    case unknownUser(id: String, suggestions: [String])
    case unknownItem(id: String, suggestions: [String])
    case noSimilarity(kind: String)

    public var description: String {
        switch self {
        case .unknownUser(let id, let suggestions):
            return
                "unknown user '\(id)'; did you mean \(suggestions.map { "'\($0)'" }.joined(separator: ", "))? (serve a new user with --items)"
        case .unknownItem(let id, let suggestions):
            return "unknown item '\(id)'; did you mean \(suggestions.map { "'\($0)'" }.joined(separator: ", "))?"
        case .noSimilarity(let kind):
            return "\(kind) has no vectors or similarities for this, so it cannot find similar ones"
        }
    }
}
