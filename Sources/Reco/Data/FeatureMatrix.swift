/// Numeric features of every item or user of a rating matrix, rows in its index order (genres as
/// multi-hot flags, release years, demographics, or a numeric table): the x⁽ⁱ⁾ vectors of the
/// content-based model. `FeatureTable` holds the same by id.
public struct FeatureMatrix: Equatable, Sendable {
    /// Feature names, one per column.
    public var names: [String]
    /// Rows × features, rows in index order.
    public var matrix: DenseMatrix

    /// Creates a feature matrix; `matrix.columns` must equal `names.count`.
    public init(names: [String], matrix: DenseMatrix) {
        precondition(matrix.columns == names.count, "\(names.count) names for \(matrix.columns) columns")
        self.names = names
        self.matrix = matrix
    }

    /// The same features re-ordered from the items of `source` to the items of `target`, matched by
    /// id; items `source` does not know get zeros.
    ///
    /// - Complexity: O(target items · features).
    public func reordered(from source: IDMap, to target: IDMap) -> FeatureMatrix {
        var result = DenseMatrix(rows: target.count, columns: names.count)
        for (index, id) in target.ids.enumerated() {
            guard let old = source.index(of: id) else { continue }
            for column in 0..<names.count { result[index, column] = matrix[old, column] }
        }
        return FeatureMatrix(names: names, matrix: result)
    }
}
