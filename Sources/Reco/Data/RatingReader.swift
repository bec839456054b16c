/// Turns delimited rows of `user, item, rating[, timestamp]` into a `RatingList` with id maps.
struct RatingReader {
    enum HeaderMode { case absent, required, detect }

    let file: String
    var userIDs = IDMap()
    var itemIDs = IDMap()
    var ratings = RatingList()

    init(file: String, userIDs: IDMap = IDMap(), itemIDs: IDMap = IDMap()) {
        self.file = file
        self.userIDs = userIDs
        self.itemIDs = itemIDs
    }

    /// Lower-cased column name without a RecBole type suffix (`user_id:token` → `user_id`).
    static func columnName(_ raw: String) -> String {
        let name = raw.split(separator: ":", maxSplits: 1).first.map(String.init) ?? raw
        return name.lowercased().trimmingCharacters(in: " ")
    }

    private static let userNames: Set<String> = ["user", "userid", "user_id", "uid", "users"]
    private static let itemNames: Set<String> = ["item", "itemid", "item_id", "movieid", "movie_id", "iid", "items"]
    private static let ratingNames: Set<String> = ["rating", "ratings", "score", "value"]
    private static let timeNames: Set<String> = ["timestamp", "time", "ts", "date"]

    mutating func read(_ text: DelimitedText, separator: FieldSeparator, header: HeaderMode) throws(DataError) {
        var columns = (user: 0, item: 1, rating: 2, timestamp: Optional(3))
        var timestampsExpected: Bool? = nil
        var isFirst = true
        var readAny = false
        var previousUser: (range: Range<Int>, index: Int32)? = nil
        ratings.reserveCapacity(text.bytes.count / 20)
        try text.forEachRow(separator: separator) { row throws(DataError) in
            if isFirst {
                isFirst = false
                let looksLikeHeader = row.count >= 3 && text.number(row, 2) == nil
                if header == .required || (header == .detect && looksLikeHeader) {
                    let names = (0..<row.count).map { Self.columnName(text.string(row, $0)) }
                    if let u = names.firstIndex(where: Self.userNames.contains),
                        let i = names.firstIndex(where: Self.itemNames.contains),
                        let r = names.firstIndex(where: Self.ratingNames.contains)
                    {
                        columns = (u, i, r, names.firstIndex(where: Self.timeNames.contains))
                        if columns.timestamp == nil { timestampsExpected = false }
                    } else if header == .required {
                        throw .missingColumn(
                            file: file, line: row.line, text: text.lineText(row),
                            expected: "a header naming user_id, item_id and rating columns")
                    }
                    return
                }
            }
            let needed = max(columns.user, columns.item, columns.rating) + 1
            guard row.count >= needed else {
                throw .missingColumn(
                    file: file, line: row.line, text: text.lineText(row),
                    expected: "\(needed) columns (user, item, rating[, timestamp])")
            }
            guard let value = text.number(row, columns.rating) else {
                throw .notANumber(file: file, line: row.line, column: "rating", text: text.string(row, columns.rating))
            }
            guard value.isFinite else {
                throw .notFinite(file: file, line: row.line, column: "rating", text: text.string(row, columns.rating))
            }
            // Files are often grouped by user: reuse the previous row's index when the bytes match,
            // which skips most string building and hashing.
            let userRange = row.fields[columns.user].range
            let userIndex: Int32
            if let previous = previousUser, !row.fields[columns.user].escaped,
                text.bytes[userRange].elementsEqual(text.bytes[previous.range])
            {
                userIndex = previous.index
            } else {
                let userID = text.string(row, columns.user)
                guard !userID.isEmpty else {
                    throw .missingColumn(file: file, line: row.line, text: text.lineText(row), expected: "a user id and an item id")
                }
                userIndex = userIDs.insert(userID)
                previousUser = (userRange, userIndex)
            }
            let itemID = text.string(row, columns.item)
            guard !itemID.isEmpty else {
                throw .missingColumn(file: file, line: row.line, text: text.lineText(row), expected: "a user id and an item id")
            }
            var timestamp: Int64? = nil
            if let t = columns.timestamp {
                if timestampsExpected == nil { timestampsExpected = row.count > t }
                if timestampsExpected == true {
                    guard row.count > t else {
                        throw .missingColumn(
                            file: file, line: row.line, text: text.lineText(row),
                            expected: "a timestamp in column \(t + 1), as on the rows before")
                    }
                    guard let seconds = text.number(row, t), seconds.isFinite, abs(seconds) < 9e18 else {
                        throw .notANumber(file: file, line: row.line, column: "timestamp", text: text.string(row, t))
                    }
                    timestamp = Int64(seconds)
                }
            }
            ratings.append(user: userIndex, item: itemIDs.insert(itemID), value: Float(value), timestamp: timestamp)
            readAny = true
        }
        guard readAny else { throw .emptyFile(file: file) }
    }

    func dataset(metadata: ItemMetadata, format: DataFormat, files: [String]) -> Dataset {
        let matrix = RatingMatrix(userIDs: userIDs, itemIDs: itemIDs, ratings: ratings)
        let (titles, features) = metadata.aligned(to: itemIDs)
        return Dataset(ratings: matrix, itemTitles: titles, itemFeatures: features, format: format, files: files)
    }
}

extension String {
    func trimmingCharacters(in character: Character) -> String {
        var slice = self[...]
        while slice.first == character { slice = slice.dropFirst() }
        while slice.last == character { slice = slice.dropLast() }
        return String(slice)
    }
}
