/// The input formats Reco reads.
public enum DataFormat: String, CaseIterable, Sendable {
    /// Detect from the path: a MovieLens folder, RecBole atomic files, or one delimited ratings file.
    case auto
    /// GroupLens MovieLens layouts: the 100k folder (`u.data`, `u.item`), `ratings.csv` + `movies.csv`,
    /// or `ratings.dat` + `movies.dat`.
    case movielens
    /// RecBole atomic files: `NAME.inter`, with `NAME.item` beside it when present.
    case recbole
    /// A delimited file of `user,item,rating[,timestamp]` rows, header optional.
    case csv
    /// A dense users × items matrix (the notebook's Y): one row per user, NaN or empty = not rated.
    case dense
}

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

/// Ratings with whatever the source knows about the items.
public struct Dataset: Sendable {
    /// The ratings, with the dataset's own user and item ids.
    public var ratings: RatingMatrix
    /// Item titles by item index, or empty when the source has none.
    public var itemTitles: [String]
    /// Item features by item index, or `nil` when the source has none.
    public var itemFeatures: ItemFeatures?
    /// The format the data was read as (never `.auto`).
    public var format: DataFormat
    /// The files that were read.
    public var files: [String]

    /// Creates a dataset.
    public init(
        ratings: RatingMatrix, itemTitles: [String] = [], itemFeatures: ItemFeatures? = nil, format: DataFormat,
        files: [String] = []
    ) {
        self.ratings = ratings
        self.itemTitles = itemTitles
        self.itemFeatures = itemFeatures
        self.format = format
        self.files = files
    }

    /// The item features re-ordered to the items of `ratings` (a split's training matrix, whose
    /// items are indexed differently), or `nil` when the dataset has none.
    public func itemFeatures(alignedTo ratings: RatingMatrix) -> DenseMatrix? {
        itemFeatures?.reordered(from: self.ratings.itemIDs, to: ratings.itemIDs).matrix
    }

    /// The title of item i, or its id when no title is known.
    public func title(ofItem item: Int) -> String {
        item < itemTitles.count && !itemTitles[item].isEmpty ? itemTitles[item] : ratings.itemIDs.id(at: item)
    }

    /// The index of the item whose title is `title` (exact match first, then case-insensitive).
    public func item(titled title: String) -> Int? {
        if let exact = itemTitles.firstIndex(of: title) { return exact }
        let lowered = title.lowercased()
        return itemTitles.firstIndex { $0.lowercased() == lowered }
    }
}
