import ArgumentParser
import Foundation
import Reco

/// `reco stats`: the first thing to run on new data.
struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Load any supported input and describe it.",
        discussion: """
            Prints users, items, ratings, density, the rating scale and histogram, duplicates found, and \
            percentiles of ratings per user and per item. Every bad-input error surfaces here.

            Example:
              reco stats --data ../shared/data/ml-100k
              reco stats --data ratings.csv --format json
            """
    )

    @OptionGroup var dataOptions: DataOptions

    @OptionGroup var output: OutputOptions<DescriptionFormat>

    func run() throws {
        let dataset = try dataOptions.load()
        let summary = DatasetSummary(dataset)
        switch output.format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(summary), as: UTF8.self))
        case .table:
            print(Self.render(summary, dataset: dataset))
        }
    }

    static func render(_ s: DatasetSummary, dataset: Dataset) -> String {
        var lines: [String] = []
        lines.append("Data         \(dataset.files.joined(separator: ", ")) (\(dataset.format.rawValue))")
        lines.append("Users        \(s.users)")
        lines.append("Items        \(s.items)")
        lines.append("Ratings      \(s.ratings)")
        lines.append("Density      \(fixed(s.density * 100, 3))%")
        lines.append("Duplicates   \(s.duplicates)\(s.duplicates > 0 ? " (the last value of each pair was kept)" : "")")
        lines.append(
            "Rating scale \(compactNumber(s.minimumRating)) to \(compactNumber(s.maximumRating)), mean \(fixed(s.meanRating, 3))"
        )
        lines.append("Timestamps   \(s.hasTimestamps ? "yes" : "no")")
        lines.append("Titles       \(s.titledItems > 0 ? "\(s.titledItems) items" : "none")")
        lines.append(
            "Features     \(s.featureNames.isEmpty ? "none" : "\(s.featureNames.count): " + s.featureNames.joined(separator: ", "))"
        )
        lines.append("")
        lines.append("Rating histogram")
        let largest = s.histogram.map(\.count).max() ?? 1
        for bin in s.histogram {
            let label =
                bin.lower == bin.upper
                ? compactNumber(bin.lower) : "\(compactNumber(bin.lower))–\(compactNumber(bin.upper))"
            let bar = String(repeating: "█", count: max(bin.count > 0 ? 1 : 0, 40 * bin.count / max(largest, 1)))
            lines.append(
                "  \(label.padding(toLength: 9, withPad: " ", startingAt: 0)) \(String(bin.count).leftPadded(8))  \(bar)"
            )
        }
        lines.append("")
        var table = TextTable(["ratings per", "min", "p25", "median", "p75", "p90", "max", "mean"])
        for (name, spread) in [("user", s.ratingsPerUser), ("item", s.ratingsPerItem)] {
            table.add([
                name, "\(spread.minimum)", "\(spread.p25)", "\(spread.median)", "\(spread.p75)", "\(spread.p90)",
                "\(spread.maximum)", fixed(spread.mean, 1),
            ])
        }
        lines.append(table.render())
        return lines.joined(separator: "\n")
    }
}
