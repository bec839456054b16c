/// Why a dataset could not be read. Every case names the file, and where it applies the line and
/// the offending text, so the user can go straight to the problem.
public enum DataError: Error, CustomStringConvertible, Equatable {
    /// Nothing exists at the path.
    case fileNotFound(path: String)
    /// The path exists but could not be read.
    case unreadable(path: String, reason: String)
    /// The file holds no data rows.
    case emptyFile(file: String)
    /// A row has fewer columns than the format needs.
    case missingColumn(file: String, line: Int, text: String, expected: String)
    /// A numeric field does not parse as a number.
    case notANumber(file: String, line: Int, column: String, text: String)
    /// A numeric field is NaN or infinite where a rating is required.
    case notFinite(file: String, line: Int, column: String, text: String)
    /// A row of a dense matrix has a different number of cells than the first row.
    case raggedRow(file: String, line: Int, found: Int, expected: Int)
    /// A quoted field is not closed on its line.
    case unterminatedQuote(file: String, line: Int, text: String)
    /// The format could not be detected, or the path does not fit the requested format.
    case unknownFormat(path: String, reason: String)
    /// A value is outside the range the caller allows.
    case outOfRange(file: String, line: Int, column: String, text: String, allowed: String)
    /// A feature file holds no rows.
    case noFeatures(file: String)
    /// An id has a second row in a file where each id has one.
    case duplicateID(file: String, line: Int, id: String, firstLine: Int)
    /// A header names the same column twice (a dense matrix's item ids).
    case duplicateColumn(file: String, line: Int, name: String)
    /// A feature name no table has (in a request or on the command line), with the closest names.
    case unknownFeature(name: String, suggestions: [String])

    /// What went wrong, for people.
    public var description: String {
        switch self {
        case .fileNotFound(let path):
            return "\(path): no such file or folder"
        case .unreadable(let path, let reason):
            return "\(path): cannot be read (\(reason))"
        case .emptyFile(let file):
            return "\(file): the file holds no ratings"
        case .missingColumn(let file, let line, let text, let expected):
            return "\(file):\(line): expected \(expected), got '\(Self.clip(text))'"
        case .notANumber(let file, let line, let column, let text):
            return "\(file):\(line): \(column) '\(Self.clip(text))' is not a number"
        case .notFinite(let file, let line, let column, let text):
            return "\(file):\(line): \(column) '\(Self.clip(text))' is not a finite number"
        case .raggedRow(let file, let line, let found, let expected):
            return "\(file):\(line): row has \(found) cells, the first row has \(expected)"
        case .unterminatedQuote(let file, let line, let text):
            return "\(file):\(line): quoted field is not closed in '\(Self.clip(text))'"
        case .unknownFormat(let path, let reason):
            return "\(path): \(reason)"
        case .outOfRange(let file, let line, let column, let text, let allowed):
            return "\(file):\(line): \(column) '\(Self.clip(text))' is outside \(allowed)"
        case .noFeatures(let file):
            return "\(file): the file holds no feature rows"
        case .duplicateID(let file, let line, let id, let firstLine):
            return "\(file):\(line): id '\(Self.clip(id))' already has a row (line \(firstLine)); give each id one row"
        case .duplicateColumn(let file, let line, let name):
            return "\(file):\(line): the header names column '\(Self.clip(name))' twice; give each item one column"
        case .unknownFeature(let name, let suggestions):
            return
                "unknown feature '\(Self.clip(name))'; did you mean \(suggestions.map { "'\($0)'" }.joined(separator: ", "))?"
        }
    }

    private static func clip(_ text: String) -> String {
        text.count > 120 ? String(text.prefix(117)) + "..." : text
    }
}
