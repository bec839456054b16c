/// Top-N lists computed elsewhere (a peer's recommendations, Spark's `recommendForAllUsers`) as a
/// model, so that `Evaluator` scores them with exactly the code that scores Reco's own models.
///
/// A listed item scores by its place (the first highest); an unlisted one is NaN, which the
/// evaluator never ranks: a user's list is the given list, minus what they rated in training.
public struct RankedLists: RatingModel {
    public let userCount: Int
    public let itemCount: Int
    /// Item indices in rank order, per user.
    public let lists: [[Int32]]

    /// Lists over `userCount` users and `itemCount` items.
    public init(userCount: Int, itemCount: Int, lists: [[Int32]]) {
        precondition(lists.count == userCount, "one list per user")
        self.userCount = userCount
        self.itemCount = itemCount
        self.lists = lists
    }

    public func predict(user: Int, item: Int) -> Float {
        guard let place = lists[user].firstIndex(of: Int32(item)) else { return .nan }
        return Float(lists[user].count - place)
    }

    public func scoreItems(forUser user: Int, into scores: inout MutableSpan<Float>) {
        for item in 0..<itemCount { scores[item] = .nan }
        let list = lists[user]
        for (place, item) in list.enumerated() where scores[Int(item)].isNaN {
            scores[Int(item)] = Float(list.count - place)
        }
    }

    /// Reads `user<TAB>rank<TAB>item[<TAB>score]` lines (what `reco recommend --all-users` writes;
    /// commas also separate) with the ids of `users` and `items`; ranks order each user's list.
    ///
    /// - Throws: `DataError` naming the line of a malformed row or an id the maps do not have.
    public static func read(_ path: String, users: IDMap, items: IDMap) throws(DataError) -> RankedLists {
        let text = try DelimitedText(path: path)
        guard let first = text.firstNonEmptyLine() else { throw .emptyFile(file: path) }
        var entries = [[(rank: Double, item: Int32)]](repeating: [], count: users.count)
        try text.forEachRow(separator: FieldSeparator.sniff(first)) { row throws(DataError) in
            guard row.count >= 3 else {
                throw .missingColumn(
                    file: path, line: row.line, text: text.lineText(row), expected: "user<TAB>rank<TAB>item")
            }
            guard let rank = text.number(row, 1), rank.isFinite else {
                if row.line == 1 { return }  // a header
                throw .notANumber(file: path, line: row.line, column: "rank", text: text.string(row, 1))
            }
            let userID = text.string(row, 0)
            let itemID = text.string(row, 2)
            guard let user = users.index(of: userID) else {
                throw .unknownFormat(
                    path: "\(path):\(row.line)",
                    reason: "unknown user '\(userID)' (closest: \(users.closest(to: userID).joined(separator: ", ")))")
            }
            guard let item = items.index(of: itemID) else {
                throw .unknownFormat(
                    path: "\(path):\(row.line)",
                    reason: "unknown item '\(itemID)' (closest: \(items.closest(to: itemID).joined(separator: ", ")))")
            }
            entries[user].append((rank, Int32(item)))
        }
        let lists = entries.map { $0.sorted { $0.rank < $1.rank }.map(\.item) }
        return RankedLists(userCount: users.count, itemCount: items.count, lists: lists)
    }
}
