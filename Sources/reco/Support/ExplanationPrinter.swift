import Foundation
import Reco

/// Prints explanations: a table of terms, JSON objects, or one line of reasons.
enum ExplanationPrinter {
    /// A signed contribution with three decimals ("+0.412", "−0.051").
    static func signed(_ value: Float) -> String {
        value < 0 ? "−" + fixed(Double(-value), 3) : "+" + fixed(Double(value), 3)
    }

    /// The terms as a table, with their sum under the score.
    static func table(_ explanation: Explanation) -> String {
        var table = TextTable(["contribution", "kind", "reason"], leftAligned: [1, 2])
        for term in explanation.terms {
            let kind = term.component.map { "\($0): \(term.kind.rawValue)" } ?? term.kind.rawValue
            table.add([signed(term.contribution), kind, term.label])
        }
        return table.render() + "\n= \(fixed(explanation.total, 4)) (score \(fixed(Double(explanation.score), 4)))"
    }

    /// `reason (+0.412), reason (−0.051), …` for the reasons under a recommended item.
    static func line(_ explanation: Explanation) -> String {
        explanation.terms.map { "\($0.label) (\(signed($0.contribution)))" }.joined(separator: ", ")
    }

    /// A JSON-ready term.
    static func object(_ term: ExplanationTerm, itemID: (Int) -> String) -> [String: Any] {
        var object: [String: Any] = [
            "kind": term.kind.rawValue, "label": term.label, "contribution": Double(term.contribution),
        ]
        if let item = term.item { object["item"] = itemID(item) }
        if let rating = term.rating { object["rating"] = Double(rating) }
        if let feature = term.feature { object["feature"] = feature }
        if let component = term.component { object["component"] = component }
        return object
    }

    /// A JSON-ready explanation.
    static func object(_ explanation: Explanation, itemID: (Int) -> String) -> [String: Any] {
        [
            "item": itemID(explanation.item), "score": Double(explanation.score),
            "terms": explanation.terms.map { object($0, itemID: itemID) },
        ]
    }

    /// Pretty JSON text of `object`.
    static func json(_ object: [String: Any]) -> String {
        let data = try! JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }
}
