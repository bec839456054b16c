import Foundation

/// Hyperparameters by name (`factors=50`, `regularization=0.05`), as given on the command line, in
/// a `--params` file or by `reco tune`. Keys are canonicalised (`reg` → `regularization`).
public struct ModelParameters: Equatable, Sendable, CustomStringConvertible {
    /// The values, by canonical key.
    public private(set) var values: [String: String]

    /// Short names people type, and the key they stand for.
    static let aliases: [String: String] = [
        "reg": "regularization", "lambda": "regularization", "lr": "learning-rate", "learning_rate": "learning-rate",
        "k": "factors", "rank": "factors", "steps": "epochs", "iterations": "epochs", "n_epochs": "epochs",
        "n_factors": "factors", "init_std": "init-std",
    ]

    /// Empty parameters: every model's defaults.
    public init() { values = [:] }

    /// Parameters from a dictionary.
    public init(_ values: [String: String]) {
        self.values = [:]
        for (key, value) in values { self[key] = value }
    }

    /// The canonical form of a key.
    public static func canonical(_ key: String) -> String {
        let lowered = key.lowercased().trimmingCharacters(in: " ")
        return aliases[lowered] ?? lowered.replacingOccurrences(of: "_", with: "-")
    }

    /// The value of `key`, or `nil`.
    public subscript(key: String) -> String? {
        get { values[Self.canonical(key)] }
        set { values[Self.canonical(key)] = newValue }
    }

    /// Why parameters could not be read.
    public struct ParseError: Error, CustomStringConvertible, Equatable {
        /// What is wrong, with the offending text.
        public var message: String
        /// What went wrong, for people.
        public var description: String { message }
    }

    /// Parses `key=value` pairs separated by `;`, `,` (between pairs) or new lines; `#` starts a comment.
    public static func parse(_ text: String, source: String = "parameters") throws(ParseError) -> ModelParameters {
        var result = ModelParameters()
        for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            for pair in line.split(separator: ";") {
                let trimmed = String(pair).trimmingCharacters(in: " ")
                guard !trimmed.isEmpty else { continue }
                let parts = trimmed.split(separator: "=", maxSplits: 1).map { String($0).trimmingCharacters(in: " ") }
                guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                    throw ParseError(message: "\(source):\(number + 1): expected key=value, got '\(trimmed)'")
                }
                result[parts[0]] = parts[1]
            }
        }
        return result
    }

    /// Reads a parameters file (`key=value` per line, as `reco tune` writes).
    public static func load(_ path: String) throws(DataError) -> ModelParameters {
        let text = try DelimitedText(path: path)
        do {
            return try parse(text.text(text.start..<text.bytes.count), source: path)
        } catch {
            throw .unknownFormat(path: path, reason: error.message)
        }
    }

    /// These parameters with `other`'s values taking precedence.
    public func merging(_ other: ModelParameters) -> ModelParameters {
        var result = self
        for (key, value) in other.values { result.values[key] = value }
        return result
    }

    /// `key=value` lines, sorted by key: the file format `load` reads.
    public var fileText: String {
        values.keys.sorted().map { "\($0)=\(values[$0]!)" }.joined(separator: "\n") + (values.isEmpty ? "" : "\n")
    }

    /// `key=value` pairs joined by `;`, sorted by key.
    public var description: String {
        values.keys.sorted().map { "\($0)=\(values[$0]!)" }.joined(separator: ";")
    }
}
