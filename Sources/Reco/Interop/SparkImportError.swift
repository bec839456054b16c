/// Why a Spark-trained model could not be imported. Every case names the file and, where it
/// applies, the line.
public enum SparkImportError: Error, CustomStringConvertible, Equatable {
    /// A folder has no `manifest.json`.
    case missingManifest(path: String, expected: String)
    /// A manifest is not the JSON expected.
    case malformedManifest(path: String, reason: String)
    /// A file the manifest implies is absent.
    case missingFile(path: String, expected: String)
    /// A count in a manifest disagrees with the files (or with the other manifest).
    case countMismatch(path: String, what: String, found: Int, expected: Int)
    /// A factor vector's length is not the manifest's rank.
    case rankMismatch(file: String, line: Int, found: Int, expected: Int)
    /// A row names an index the export's id map does not have.
    case unknownIndex(file: String, line: Int, side: String, index: Int, count: Int)
    /// Two factor rows for one index.
    case duplicateIndex(file: String, line: Int, side: String, index: Int, firstLine: Int)
    /// A factor that is NaN or infinite.
    case notFinite(file: String, line: Int, index: Int, text: String)
    /// Users or items with training ratings that have no factors.
    case missingFactors(side: String, count: Int, firstID: String)
    /// A line that cannot be read.
    case malformedLine(file: String, line: Int, text: String, reason: String)
    /// An export file that cannot be read.
    case data(DataError)

    /// What went wrong, for people.
    public var description: String {
        switch self {
        case .missingManifest(let path, let expected):
            return "\(path): no manifest.json: not \(expected)"
        case .malformedManifest(let path, let reason):
            return "\(path): not a manifest Reco reads (\(reason))"
        case .missingFile(let path, let expected):
            return "\(path): missing (expected \(expected))"
        case .countMismatch(let path, let what, let found, let expected):
            return "\(path): \(found) \(what), but the manifest says \(expected)"
        case .rankMismatch(let file, let line, let found, let expected):
            return "\(file):\(line): \(found) factors, but the manifest's rank is \(expected)"
        case .unknownIndex(let file, let line, let side, let index, let count):
            return "\(file):\(line): \(side) index \(index) is not in the export's id map (0..<\(count))"
        case .duplicateIndex(let file, let line, let side, let index, let firstLine):
            return "\(file):\(line): \(side) index \(index) has factors already (line \(firstLine))"
        case .notFinite(let file, let line, let index, let text):
            return "\(file):\(line): index \(index) has a factor that is not a finite number: \(text)"
        case .missingFactors(let side, let count, let firstID):
            return "\(count) \(side)s with training ratings have no factors (the first: id \(firstID)): "
                + "the factors come from another export"
        case .malformedLine(let file, let line, let text, let reason):
            return "\(file):\(line): \(reason): \(text)"
        case .data(let error):
            return error.description
        }
    }
}
