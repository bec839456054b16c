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
    public func itemFeatures(alignedTo ratings: RatingMatrix) -> ItemFeatures? {
        itemFeatures?.reordered(from: self.ratings.itemIDs, to: ratings.itemIDs)
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
