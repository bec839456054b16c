/// A dense users × items rating matrix as in the notebook's `Y`: rows are users, columns items,
/// NaN where a user did not rate an item. The mask `R` is derived from it.
///
/// ```
/// let y = DenseRatings([[5, 4, .nan], [.nan, 3, 1], [2, .nan, 4]])
/// y.mask   // R = ~isnan(Y): [true, true, false, false, true, true, true, false, true]
/// ```
public struct DenseRatings: Equatable, Sendable {
    /// The ratings, NaN where missing.
    public var values: DenseMatrix
    /// Ids of the rows (users).
    public var userIDs: IDMap
    /// Ids of the columns (items).
    public var itemIDs: IDMap

    /// Wraps a matrix; ids default to the row and column numbers "0", "1", ….
    public init(values: DenseMatrix, userIDs: IDMap? = nil, itemIDs: IDMap? = nil) {
        self.values = values
        self.userIDs = userIDs ?? IDMap((0..<values.rows).map(String.init))
        self.itemIDs = itemIDs ?? IDMap((0..<values.columns).map(String.init))
        precondition(
            self.userIDs.count == values.rows && self.itemIDs.count == values.columns, "ids do not fit the matrix")
    }

    /// A matrix from nested rows (users), NaN where not rated.
    public init(_ rows: [[Float]]) {
        self.init(values: DenseMatrix(rows))
    }

    /// The mask R, row-major: `true` where a rating exists.
    public var mask: [Bool] { values.storage.map { !$0.isNaN } }

    /// Whether user u rated item i (R[u][i]).
    public func isRated(user: Int, item: Int) -> Bool { !values[user, item].isNaN }

    /// The known ratings as a sparse matrix with the same ids.
    public var ratingMatrix: RatingMatrix {
        var list = RatingList()
        for u in 0..<values.rows {
            for i in 0..<values.columns where !values[u, i].isNaN {
                list.append(user: Int32(u), item: Int32(i), value: values[u, i])
            }
        }
        return RatingMatrix(userIDs: userIDs, itemIDs: itemIDs, ratings: list)
    }

    /// The ratings as a dataset.
    public var dataset: Dataset { Dataset(ratings: ratingMatrix, format: .dense) }

    /// Reads a dense CSV matrix: one row per user, empty cells or `nan`/`NA` meaning "not rated".
    ///
    /// An optional header row gives item ids; when the first cell of each row is not a number it is
    /// that user's id.
    public static func load(_ path: String) throws(DataError) -> DenseRatings {
        let text = try DelimitedText(path: path)
        guard let firstLine = text.firstNonEmptyLine() else { throw .emptyFile(file: path) }
        let separator = FieldSeparator.sniff(firstLine)
        var header: [String]? = nil
        var userColumn = false
        var width = 0
        var storage: [Float] = []
        var users: [String] = []
        var userLines: [String: Int] = [:]
        var headerLine = 0
        var isFirst = true
        func isMissing(_ cell: String) -> Bool {
            let lowered = cell.lowercased()
            return cell.isEmpty || lowered == "nan" || lowered == "na"
        }
        try text.forEachRow(separator: separator) { row throws(DataError) in
            let cells = (0..<row.count).map { text.string(row, $0) }
            if isFirst {
                isFirst = false
                let textCells = cells.indices.filter { !isMissing(cells[$0]) && text.number(row, $0) == nil }
                if textCells.contains(where: { $0 > 0 }) || (cells.count == 1 && !textCells.isEmpty) {
                    header = cells
                    headerLine = row.line
                    return
                }
            }
            if width == 0 {
                userColumn = !isMissing(cells[0]) && text.number(row, 0) == nil
                width = cells.count
            }
            guard cells.count == width else {
                throw .raggedRow(file: path, line: row.line, found: cells.count, expected: width)
            }
            let user = userColumn ? cells[0] : String(users.count)
            if let first = userLines.updateValue(row.line, forKey: user) {
                throw .duplicateID(file: path, line: row.line, id: user, firstLine: first)
            }
            users.append(user)
            for column in (userColumn ? 1 : 0)..<cells.count {
                if isMissing(cells[column]) {
                    storage.append(.nan)
                    continue
                }
                storage.append(try text.float(row, column, file: path, column: "cell \(column + 1)"))
            }
        }
        // A matrix of no cells, or of "not rated" only, holds no ratings.
        guard width > 0, storage.contains(where: { !$0.isNaN }) else { throw .emptyFile(file: path) }
        let columns = userColumn ? width - 1 : width
        var itemIDs: IDMap? = nil
        if var names = header {
            if names.count == columns + 1 { names.removeFirst() }
            if names.count == columns {
                var seen = Set<String>()
                for name in names where !seen.insert(name).inserted {
                    throw .duplicateColumn(file: path, line: headerLine, name: name)
                }
                itemIDs = IDMap(names)
            }
        }
        return DenseRatings(
            values: DenseMatrix(rows: users.count, columns: columns, storage: storage), userIDs: IDMap(users),
            itemIDs: itemIDs)
    }
}
