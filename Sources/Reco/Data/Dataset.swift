/// Ratings with whatever the source knows about the items and the users.
///
/// Features are kept by id (`FeatureTable`), so they cover items and users that have no ratings:
/// the new arrivals the feature models serve from their features alone.
public struct Dataset: Sendable {
    /// The ratings, with the dataset's own user and item ids.
    public var ratings: RatingMatrix
    /// Item titles by item index of `ratings`, or empty when the source has none.
    public var itemTitles: [String]
    /// Item titles by id, for every item the source names (rated or not).
    public var titlesByID: [String: String]
    /// Item features by id (genres, release years, or `--item-features`), or `nil`.
    public var itemFeatureTable: FeatureTable?
    /// User features by id (age group, gender, occupation, or `--user-features`), or `nil`.
    public var userFeatureTable: FeatureTable?
    /// The format the data was read as (never `.auto`).
    public var format: DataFormat
    /// The files that were read.
    public var files: [String]

    /// Creates a dataset.
    ///
    /// - Parameters:
    ///   - ratings: the ratings, indexed by user and item.
    ///   - itemTitles: one title per item of `ratings` (empty strings for untitled items), or none.
    ///   - itemFeatures: features of the items of `ratings`, rows in its item order.
    ///   - userFeatures: features of the users of `ratings`, rows in its user order.
    ///   - format: the layout the data was read from.
    ///   - files: the files it was read from.
    public init(
        ratings: RatingMatrix, itemTitles: [String] = [], itemFeatures: FeatureMatrix? = nil,
        userFeatures: FeatureMatrix? = nil, format: DataFormat, files: [String] = []
    ) {
        self.ratings = ratings
        self.itemTitles = itemTitles
        titlesByID = [:]
        for (index, title) in itemTitles.enumerated() where !title.isEmpty {
            titlesByID[ratings.itemIDs.id(at: index)] = title
        }
        itemFeatureTable = itemFeatures.map { FeatureTable(ids: ratings.itemIDs, features: $0) }
        userFeatureTable = userFeatures.map { FeatureTable(ids: ratings.userIDs, features: $0) }
        self.format = format
        self.files = files
    }

    /// The item features of the items of `ratings`, or `nil` when the dataset has none.
    public var itemFeatures: FeatureMatrix? { itemFeatureTable?.aligned(to: ratings.itemIDs) }

    /// The user features of the users of `ratings`, or `nil` when the dataset has none.
    public var userFeatures: FeatureMatrix? { userFeatureTable?.aligned(to: ratings.userIDs) }

    /// The item features of the items of `ratings` (a split's training matrix, whose items are
    /// indexed differently), matched by id, or `nil` when the dataset has none.
    public func itemFeatures(alignedTo ratings: RatingMatrix) -> FeatureMatrix? {
        itemFeatureTable?.aligned(to: ratings.itemIDs)
    }

    /// The user features of the users of `ratings`, matched by id, or `nil` when the dataset has none.
    public func userFeatures(alignedTo ratings: RatingMatrix) -> FeatureMatrix? {
        userFeatureTable?.aligned(to: ratings.userIDs)
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
