/// A failure of the service's database.
public enum StoreError: Error, CustomStringConvertible {
    /// SQLite refused or failed an operation.
    case database(path: String, reason: String)

    /// What went wrong, for people.
    public var description: String {
        switch self {
        case .database(let path, let reason): return "database \(path): \(reason)"
        }
    }
}
