/// A numeric item-feature table read from CSV: `item,feature1,feature2,...` with a header row.
struct FeatureTable {
    var names: [String]
    var rows: [String: [Float]]

    static func read(_ path: String) throws(DataError) -> FeatureTable {
        let text = try DelimitedText(path: path)
        guard let firstLine = text.firstNonEmptyLine() else { throw .emptyFile(file: path) }
        let separator = FieldSeparator.sniff(firstLine)
        var names: [String] = []
        var rows: [String: [Float]] = [:]
        try text.forEachRow(separator: separator) { row throws(DataError) in
            if names.isEmpty {
                guard row.count >= 2 else {
                    throw .missingColumn(
                        file: path, line: row.line, text: text.lineText(row), expected: "item,feature1,...")
                }
                names = (1..<row.count).map { text.string(row, $0) }
                return
            }
            guard row.count == names.count + 1 else {
                throw .raggedRow(file: path, line: row.line, found: row.count, expected: names.count + 1)
            }
            var values = [Float]()
            for column in 1..<row.count {
                guard let value = text.number(row, column) else {
                    throw .notANumber(
                        file: path, line: row.line, column: names[column - 1], text: text.string(row, column))
                }
                guard value.isFinite else {
                    throw .notFinite(
                        file: path, line: row.line, column: names[column - 1], text: text.string(row, column))
                }
                values.append(Float(value))
            }
            rows[text.string(row, 0)] = values
        }
        guard !rows.isEmpty else { throw .emptyFile(file: path) }
        return FeatureTable(names: names, rows: rows)
    }

    /// The features in item-index order; items missing from the table get zeros.
    func aligned(to itemIDs: IDMap) -> ItemFeatures {
        var matrix = DenseMatrix(rows: itemIDs.count, columns: names.count)
        for (index, id) in itemIDs.ids.enumerated() {
            guard let values = rows[id] else { continue }
            for (column, value) in values.enumerated() { matrix[index, column] = value }
        }
        return ItemFeatures(names: names, matrix: matrix)
    }
}
