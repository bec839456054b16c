/// Features of users or items by id: the side information the content-based and hybrid models
/// read. An id may have features and no ratings at all — a new item or user the models can still
/// serve (cold start).
///
/// Two file layouts are read (`FeatureTable.read`):
/// - numeric, comma-separated, with a header naming the features: `id,year,length` then `50,1977,121`;
/// - categorical, tab-separated, no header: `id<TAB>token token …` (`50\tSci-Fi Action released-1975-1979`),
///   each distinct token a 0/1 feature named by the token.
public struct FeatureTable: Equatable, Sendable {
    /// The ids that have a row, in row order.
    public let ids: IDMap
    /// The rows, one per id, with the feature names.
    public let features: FeatureMatrix

    /// A table of `features` for `ids` (one row each, in the same order).
    ///
    /// - Precondition: one row per id.
    public init(ids: IDMap, features: FeatureMatrix) {
        precondition(ids.count == features.matrix.rows, "one feature row per id")
        self.ids = ids
        self.features = features
    }

    /// A categorical table: each id's tokens become 0/1 features named by the token, in
    /// `vocabulary` order (first appearance when not given).
    ///
    /// An id given twice keeps its last row.
    public init(tokens: [(id: String, tokens: [String])], vocabulary: [String]? = nil) {
        var names = vocabulary ?? []
        var known = Set(names)
        if vocabulary == nil {
            for row in tokens { for token in row.tokens where known.insert(token).inserted { names.append(token) } }
        }
        var order: [String] = []
        var last: [String: [String]] = [:]
        for row in tokens {
            if last.updateValue(row.tokens, forKey: row.id) == nil { order.append(row.id) }
        }
        let column = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        var matrix = DenseMatrix(rows: order.count, columns: names.count)
        for (index, id) in order.enumerated() {
            for token in last[id] ?? [] { if let c = column[token] { matrix[index, c] = 1 } }
        }
        self.init(ids: IDMap(order), features: FeatureMatrix(names: names, matrix: matrix))
    }

    /// The feature names, one per column.
    public var names: [String] { features.names }

    /// The features of `id`, or `nil` when the table has no row for it.
    public func row(for id: String) -> [Float]? { ids.index(of: id).map { features.matrix.row($0) } }

    /// The rows of `target`'s ids, in its order; ids without a row get zeros.
    ///
    /// - Complexity: O(target ids · features).
    public func aligned(to target: IDMap) -> FeatureMatrix { features.reordered(from: ids, to: target) }

    /// This table's columns, then `other`'s, over the ids of both (zeros where a table has no row).
    public func appending(_ other: FeatureTable) -> FeatureTable {
        var allIDs = ids.ids
        for id in other.ids.ids where ids.index(of: id) == nil { allIDs.append(id) }
        let union = IDMap(allIDs)
        let left = aligned(to: union)
        let right = other.aligned(to: union)
        var matrix = DenseMatrix(rows: union.count, columns: left.names.count + right.names.count)
        for row in 0..<union.count {
            for c in 0..<left.names.count { matrix[row, c] = left.matrix[row, c] }
            for c in 0..<right.names.count { matrix[row, left.names.count + c] = right.matrix[row, c] }
        }
        return FeatureTable(ids: union, features: FeatureMatrix(names: left.names + right.names, matrix: matrix))
    }

    // MARK: - Files

    /// Reads a feature file: a tab in the first line means the categorical layout, otherwise the
    /// numeric one (see the type's description).
    ///
    /// - Throws: `DataError` with the file and line of a row without an id, a value that is not a
    ///   number, a row of the wrong width, an id given twice, or a file with no rows.
    public static func read(_ path: String) throws(DataError) -> FeatureTable {
        let text = try DelimitedText(path: path)
        guard let firstLine = text.firstNonEmptyLine() else { throw .noFeatures(file: path) }
        if firstLine.contains(0x09) { return try readCategorical(text, path: path) }
        return try readNumeric(text, separator: FieldSeparator.sniff(firstLine), path: path)
    }

    private static func readNumeric(
        _ text: DelimitedText, separator: FieldSeparator, path: String
    ) throws(DataError)
        -> FeatureTable
    {
        var names: [String] = []
        var ids: [String] = []
        var lines: [String: Int] = [:]
        var values: [Float] = []
        try text.forEachRow(separator: separator) { row throws(DataError) in
            if names.isEmpty {
                guard row.count >= 2 else {
                    throw .missingColumn(
                        file: path, line: row.line, text: text.lineText(row), expected: "a header id,feature1,...")
                }
                names = (1..<row.count).map { text.string(row, $0) }
                return
            }
            guard row.count == names.count + 1 else {
                throw .raggedRow(file: path, line: row.line, found: row.count, expected: names.count + 1)
            }
            let id = try Self.id(text, row, path: path, seen: &lines)
            for column in 1..<row.count {
                values.append(try text.float(row, column, file: path, column: names[column - 1]))
            }
            ids.append(id)
        }
        guard !ids.isEmpty else { throw .noFeatures(file: path) }
        let matrix = DenseMatrix(rows: ids.count, columns: names.count, storage: values)
        return FeatureTable(ids: IDMap(ids), features: FeatureMatrix(names: names, matrix: matrix))
    }

    private static func readCategorical(_ text: DelimitedText, path: String) throws(DataError) -> FeatureTable {
        var rows: [(id: String, tokens: [String])] = []
        var lines: [String: Int] = [:]
        try text.forEachRow(separator: .byte(0x09)) { row throws(DataError) in
            let id = try Self.id(text, row, path: path, seen: &lines)
            guard row.count >= 2 else {
                throw .missingColumn(
                    file: path, line: row.line, text: text.lineText(row), expected: "id<TAB>token token ...")
            }
            let tokens = (1..<row.count).flatMap { text.string(row, $0).split(separator: " ").map(String.init) }
            rows.append((id, tokens))
        }
        guard !rows.isEmpty else { throw .noFeatures(file: path) }
        return FeatureTable(tokens: rows)
    }

    /// The row's id, checked: present and not seen before.
    private static func id(
        _ text: DelimitedText, _ row: DelimitedRow, path: String, seen: inout [String: Int]
    ) throws(DataError)
        -> String
    {
        let id = text.string(row, 0)
        guard !id.isEmpty else {
            throw .missingColumn(
                file: path, line: row.line, text: text.lineText(row), expected: "an id in the first column")
        }
        if let first = seen[id] { throw .duplicateID(file: path, line: row.line, id: id, firstLine: first) }
        seen[id] = row.line
        return id
    }
}
