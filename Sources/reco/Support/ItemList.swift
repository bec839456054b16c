import ArgumentParser
import Foundation

/// A new user's `--items` (ids or titles) and optional `--ratings`, as `recommend` and `explain`
/// read them.
enum ItemList {
    /// The ids and ratings of `items` and `ratings`. Titles may hold commas ("Terminator, The
    /// (1984)"): a list with ';' is split on ';' only, and `ratings` the same way.
    ///
    /// - Throws: `ValidationError` unless `ratings` has one finite number per item.
    static func parse(_ items: String, ratings: String?) throws -> (ids: [String], ratings: [Float]?) {
        let separator: Character = items.contains(";") ? ";" : ","
        let ids = items.split(separator: separator).map { $0.trimmingCharacters(in: .whitespaces) }.filter {
            !$0.isEmpty
        }
        guard let ratings else { return (ids, nil) }
        let parsed = ratings.split(separator: separator).map { Float($0.trimmingCharacters(in: .whitespaces)) }
        guard parsed.count == ids.count, parsed.allSatisfy({ $0?.isFinite == true }) else {
            throw ValidationError("--ratings needs one finite number per item in --items (\(ids.count))")
        }
        return (ids, parsed.map { $0! })
    }
}
