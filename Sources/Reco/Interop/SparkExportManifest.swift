/// What `SparkExport` wrote: `manifest.json` of an export folder, written last, so a folder with a
/// manifest is a complete export.
///
/// The folder holds, each a CSV file with a header line:
/// - `ratings.csv`: `user,item,rating[,timestamp]` with 0-based integer indices (Spark's ALS needs
///   `Int` ids) and the rating as a decimal number, grouped by user;
/// - `test.csv` (optional): held-out ratings in the same index space, same columns;
/// - `users.csv`: `index,id`, and `items.csv`: `index,id,title`: the id maps, one row per index in
///   order, ids and titles quoted as RFC 4180 says when they hold a comma or a quote.
public struct SparkExportManifest: Codable, Sendable, Equatable {
    /// Always `reco-spark-export`.
    public var format: String
    /// The layout's version (1).
    public var version: Int
    /// Rows of `users.csv`: every index `ratings.csv` and `test.csv` use.
    public var users: Int
    /// Rows of `items.csv`.
    public var items: Int
    /// Rows of `ratings.csv` (without the header).
    public var ratings: Int
    /// Rows of `test.csv`, or `nil` when there is none.
    public var testRatings: Int?
    /// Whether the rating files have a `timestamp` column.
    public var timestamps: Bool
    /// The lowest and highest training rating (`nil` without ratings).
    public var ratingMin: Float?
    /// See `ratingMin`.
    public var ratingMax: Float?
    /// What was exported (the path given to `reco export-spark`).
    public var source: String

    /// The manifest's name inside an export folder.
    public static let fileName = "manifest.json"
    /// The value of `format`.
    public static let formatName = "reco-spark-export"

    /// A manifest.
    public init(
        users: Int, items: Int, ratings: Int, testRatings: Int?, timestamps: Bool, ratingScale: ClosedRange<Float>?,
        source: String
    ) {
        format = Self.formatName
        version = 1
        self.users = users
        self.items = items
        self.ratings = ratings
        self.testRatings = testRatings
        self.timestamps = timestamps
        ratingMin = ratingScale?.lowerBound
        ratingMax = ratingScale?.upperBound
        self.source = source
    }

    enum CodingKeys: String, CodingKey {
        case format, version, users, items, ratings, timestamps, source
        case testRatings = "test_ratings"
        case ratingMin = "rating_min"
        case ratingMax = "rating_max"
    }
}
