/// A user or item id the model does not know.
public enum LookupError: Error, CustomStringConvertible, Equatable {
    /// No user has this id; `suggestions` are the closest known ids.
    case unknownUser(id: String, suggestions: [String])
    /// No item has this id or title; `suggestions` are the closest known ones.
    case unknownItem(id: String, suggestions: [String])
    /// The model (of this kind) has no measure of similarity for the query.
    case noSimilarity(kind: String)

    /// What went wrong, for people.
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
