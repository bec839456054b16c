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
        var numericItems: [UInt64: Int32] = [:]
        for (index, id) in itemIDs.ids.enumerated() {
            if let number = UInt64(id), String(number) == id { numericItems[number] = Int32(index) }
        }
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
            let value = try text.float(row, columns.rating, file: file, column: "rating")
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
                    throw .missingColumn(
                        file: file, line: row.line, text: text.lineText(row), expected: "a user id and an item id")
                }
                userIndex = userIDs.insert(userID)
                previousUser = (userRange, userIndex)
            }
            let itemIndex: Int32
            if let number = Self.canonicalNumber(text.bytes, row.fields[columns.item]) {
                // Numeric ids (most datasets) skip building and hashing a String after the first time.
                if let known = numericItems[number] {
                    itemIndex = known
                } else {
                    itemIndex = itemIDs.insert(String(number))
                    numericItems[number] = itemIndex
                }
            } else {
                let itemID = text.string(row, columns.item)
                guard !itemID.isEmpty else {
                    throw .missingColumn(
                        file: file, line: row.line, text: text.lineText(row), expected: "a user id and an item id")
                }
                itemIndex = itemIDs.insert(itemID)
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
            ratings.append(user: userIndex, item: itemIndex, value: value, timestamp: timestamp)
            readAny = true
        }
        guard readAny else { throw .emptyFile(file: file) }
    }

    /// The value of a field that is a plain decimal number written canonically ("42", not "042",
    /// "+42" or " 42"), so that the number alone identifies the id; `nil` otherwise.
    static func canonicalNumber(_ bytes: [UInt8], _ field: (range: Range<Int>, escaped: Bool)) -> UInt64? {
        let range = field.range
        guard !field.escaped, !range.isEmpty, range.count <= 18 else { return nil }
        if bytes[range.lowerBound] == UInt8(ascii: "0") && range.count > 1 { return nil }
        var value: UInt64 = 0
        for index in range {
            let digit = bytes[index] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            value = value * 10 + UInt64(digit)
        }
        return value
    }

    func dataset(
        metadata: ItemMetadata, users: UserMetadata, releaseYears: Bool, format: DataFormat, files: [String]
    ) -> Dataset {
        let matrix = RatingMatrix(userIDs: userIDs, itemIDs: itemIDs, ratings: ratings)
        var dataset = Dataset(
            ratings: matrix, itemTitles: metadata.titles.isEmpty ? [] : itemIDs.ids.map { metadata.titles[$0] ?? "" },
            format: format,
            files: files)
        dataset.titlesByID = metadata.titles
        dataset.itemFeatureTable = metadata.featureTable(releaseYears: releaseYears)
        dataset.userFeatureTable = users.featureTable
        return dataset
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
