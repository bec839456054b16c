import ArgumentParser
import Foundation
import Reco

/// Prints ranked items (recommendations, similar items) as a table, JSON or CSV.
enum EntryPrinter {
    static func render(
        _ entries: [SavedModel.Entry], format: TableFormat, scoreName: String, header: [String: String]
    ) -> String {
        // Lists ranked by interest also show each item's predicted rating.
        let rated = entries.contains { $0.rating != nil }
        switch format {
        case .table:
            var table = TextTable(["#", "item", "title", scoreName] + (rated ? ["rating"] : []), leftAligned: [1, 2])
            for (rank, entry) in entries.enumerated() {
                table.add(
                    ["\(rank + 1)", entry.id, entry.title ?? "", fixed(Double(entry.score), 3)]
                        + (rated ? [entry.rating.map { fixed(Double($0), 2) } ?? ""] : []))
            }
            let lines = header.keys.sorted().map { "\($0): \(header[$0]!)" }
            return (lines + [table.render()]).joined(separator: "\n")
        case .csv:
            return
                (["rank,item,title,\(scoreName)" + (rated ? ",rating" : "")]
                + entries.enumerated().map { rank, entry in
                    "\(rank + 1),\(csvCell(entry.id)),\(csvCell(entry.title ?? "")),\(entry.score)"
                        + (rated ? "," + (entry.rating.map { "\($0)" } ?? "") : "")
                }).joined(separator: "\n")
        case .json:
            var object: [String: Any] = header
            object["items"] = entries.map { entry -> [String: Any] in
                var item: [String: Any] = [
                    "id": entry.id, "title": entry.title.map { $0 as Any } ?? NSNull(), "score": Double(entry.score),
                ]
                if let rating = entry.rating { item["rating"] = Double(rating) }
                return item
            }
            let data = try! JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
            return String(decoding: data, as: UTF8.self)
        }
    }

    static func csvCell(_ text: String) -> String {
        text.contains(",") || text.contains("\"")
            ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }

    /// Ranked items with their reasons (`recommend --explain`): a line per reason under each row of
    /// the table, a `reasons` array in JSON, a `reasons` column in CSV.
    static func render(
        _ entries: [SavedModel.Entry], reasons: [[ExplanationTerm]], format: TableFormat, header: [String: String],
        itemID: (Int) -> String
    ) -> String {
        switch format {
        case .table:
            var lines = header.keys.sorted().map { "\($0): \(header[$0]!)" }
            for (rank, entry) in entries.enumerated() {
                let rating = entry.rating.map { "  (predicted rating \(fixed(Double($0), 2)))" } ?? ""
                lines.append(
                    "\(rank + 1). \(entry.title ?? entry.id) [\(entry.id)]  \(fixed(Double(entry.score), 3))\(rating)")
                for term in reasons[rank] {
                    lines.append("     \(ExplanationPrinter.signed(term.contribution))  \(term.label)")
                }
            }
            return lines.joined(separator: "\n")
        case .csv:
            return
                (["rank,item,title,score,reasons"]
                + entries.enumerated().map { rank, entry in
                    let text = reasons[rank].map { "\($0.label) (\(ExplanationPrinter.signed($0.contribution)))" }
                    return "\(rank + 1),\(csvCell(entry.id)),\(csvCell(entry.title ?? "")),\(entry.score),"
                        + csvCell(text.joined(separator: "; "))
                }).joined(separator: "\n")
        case .json:
            var object: [String: Any] = header
            object["items"] = entries.enumerated().map { rank, entry -> [String: Any] in
                var item: [String: Any] = [
                    "id": entry.id, "title": entry.title.map { $0 as Any } ?? NSNull(), "score": Double(entry.score),
                    "reasons": reasons[rank].map { ExplanationPrinter.object($0, itemID: itemID) },
                ]
                if let rating = entry.rating { item["rating"] = Double(rating) }
                return item
            }
            return ExplanationPrinter.json(object)
        }
    }
}
