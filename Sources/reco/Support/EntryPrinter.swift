import ArgumentParser
import Foundation
import Reco

/// Prints ranked items (recommendations, similar items) as a table, JSON or CSV.
enum EntryPrinter {
    static func render(
        _ entries: [SavedModel.Entry], format: TableFormat, scoreName: String, header: [String: String]
    ) -> String {
        switch format {
        case .table:
            var table = TextTable(["#", "item", "title", scoreName], leftAligned: [1, 2])
            for (rank, entry) in entries.enumerated() {
                table.add(["\(rank + 1)", entry.id, entry.title ?? "", fixed(Double(entry.score), 3)])
            }
            let lines = header.keys.sorted().map { "\($0): \(header[$0]!)" }
            return (lines + [table.render()]).joined(separator: "\n")
        case .csv:
            return
                (["rank,item,title,\(scoreName)"]
                + entries.enumerated().map { rank, entry in
                    "\(rank + 1),\(csvCell(entry.id)),\(csvCell(entry.title ?? "")),\(entry.score)"
                }).joined(separator: "\n")
        case .json:
            var object: [String: Any] = header
            object["items"] = entries.map { entry -> [String: Any] in
                ["id": entry.id, "title": entry.title.map { $0 as Any } ?? NSNull(), "score": Double(entry.score)]
            }
            let data = try! JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
            return String(decoding: data, as: UTF8.self)
        }
    }

    static func csvCell(_ text: String) -> String {
        text.contains(",") || text.contains("\"")
            ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }
}
