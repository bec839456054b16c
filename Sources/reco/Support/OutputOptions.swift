import ArgumentParser

/// The formats a command can print; each command names the set it supports.
protocol OutputFormatSet: ExpressibleByArgument, CaseIterable, RawRepresentable<String> {
    /// What the command prints when no --format is given.
    static var table: Self { get }
}

/// `--format`, limited to what the command can print.
struct OutputOptions<Format: OutputFormatSet>: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "How to print: \(Format.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "format"))
    var format: Format = .table
}

/// A table, JSON or CSV (ranked lists, evaluation reports).
enum TableFormat: String, OutputFormatSet {
    case table, json, csv
}

/// A table or JSON (descriptions that have no rows to put in CSV).
enum DescriptionFormat: String, OutputFormatSet {
    case table, json
}
