/// `manifest.json` of the folder `spark/reco_als.py` writes: how Spark's `ALS` was run, on which
/// export, and how many factor rows it wrote. Spark's own parameter names are kept (`regParam`,
/// `maxIter`, `implicitPrefs`), so the file reads like the Spark job that made it.
public struct SparkFactorsManifest: Codable, Sendable, Equatable {
    /// Always `reco-spark-factors`.
    public var format: String
    /// The layout's version (1).
    public var version: Int
    /// Spark's `rank`: the length of every factor vector.
    public var rank: Int
    /// Spark's `regParam` (λ, scaled by each row's rating count inside Spark).
    public var regParam: Float
    /// Spark's `maxIter`.
    public var maxIter: Int
    /// Spark's `implicitPrefs`.
    public var implicitPrefs: Bool
    /// Spark's `alpha` (implicit feedback only).
    public var alpha: Float
    /// Spark's `nonnegative`.
    public var nonnegative: Bool
    /// Spark's `seed`.
    public var seed: Int64
    /// Rows of the user factor files.
    public var userFactors: Int
    /// Rows of the item factor files.
    public var itemFactors: Int
    /// The export the job read (absolute, or relative to this manifest's folder).
    public var export: String
    /// Ratings the job read from the export's `ratings.csv`.
    public var exportRatings: Int
    /// The Spark version that trained it.
    public var sparkVersion: String

    /// The manifest's name inside a factors folder.
    public static let fileName = "manifest.json"
    /// The value of `format`.
    public static let formatName = "reco-spark-factors"

    /// A manifest (what `reco_als.py` writes; tests write their own).
    public init(
        rank: Int, regParam: Float, maxIter: Int, implicitPrefs: Bool = false, alpha: Float = 1,
        nonnegative: Bool = false, seed: Int64 = 42, userFactors: Int, itemFactors: Int, export: String,
        exportRatings: Int, sparkVersion: String = "unknown"
    ) {
        format = Self.formatName
        version = 1
        self.rank = rank
        self.regParam = regParam
        self.maxIter = maxIter
        self.implicitPrefs = implicitPrefs
        self.alpha = alpha
        self.nonnegative = nonnegative
        self.seed = seed
        self.userFactors = userFactors
        self.itemFactors = itemFactors
        self.export = export
        self.exportRatings = exportRatings
        self.sparkVersion = sparkVersion
    }

    enum CodingKeys: String, CodingKey {
        case format, version, rank, regParam, maxIter, implicitPrefs, alpha, nonnegative, seed, export
        case userFactors = "user_factors"
        case itemFactors = "item_factors"
        case exportRatings = "export_ratings"
        case sparkVersion = "spark_version"
    }
}
