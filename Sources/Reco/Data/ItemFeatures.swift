/// Numeric features of every item (genres as multi-hot flags, or a numeric feature table): the
/// x⁽ⁱ⁾ vectors of the content-based model.
public struct ItemFeatures: Equatable, Sendable {
    /// Feature names, one per column.
    public var names: [String]
    /// Items × features, rows in item-index order.
    public var matrix: DenseMatrix

    /// Creates a feature table; `matrix.columns` must equal `names.count`.
    public init(names: [String], matrix: DenseMatrix) {
        precondition(matrix.columns == names.count, "\(names.count) names for \(matrix.columns) columns")
        self.names = names
        self.matrix = matrix
    }

    /// Reads a numeric feature table (`item,f1,f2,...` with a header naming the features) and the
    /// item ids of its rows.
    public static func read(_ path: String) throws(DataError) -> (features: ItemFeatures, itemIDs: IDMap) {
        let table = try FeatureTable.read(path)
        let ids = IDMap(table.rows.keys.sorted())
        return (table.aligned(to: ids), ids)
    }

    /// The same features re-ordered from the items of `source` to the items of `target`, matched by
    /// id; items `source` does not know get zeros.
    ///
    /// - Complexity: O(target items · features).
    public func reordered(from source: IDMap, to target: IDMap) -> ItemFeatures {
        var result = DenseMatrix(rows: target.count, columns: names.count)
        for (index, id) in target.ids.enumerated() {
            guard let old = source.index(of: id) else { continue }
            for column in 0..<names.count { result[index, column] = matrix[old, column] }
        }
        return ItemFeatures(names: names, matrix: result)
    }
}
