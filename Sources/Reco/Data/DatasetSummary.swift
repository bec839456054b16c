/// What `reco stats` reports about a dataset: sizes, density, the rating scale and histogram,
/// duplicates, and how ratings spread over users and items.
public struct DatasetSummary: Codable, Equatable, Sendable {
    /// One bar of the rating histogram.
    public struct HistogramBin: Codable, Equatable, Sendable {
        /// Lowest rating in the bin.
        public var lower: Float
        /// Highest rating in the bin (equal to `lower` for a bin of one value).
        public var upper: Float
        /// Ratings in the bin.
        public var count: Int
    }

    /// Percentiles of a count distribution.
    public struct Spread: Codable, Equatable, Sendable {
        /// The smallest value.
        public var minimum: Int
        /// The 25th percentile.
        public var p25: Int
        /// The median.
        public var median: Int
        /// The 75th percentile.
        public var p75: Int
        /// The 90th percentile.
        public var p90: Int
        /// The largest value.
        public var maximum: Int
        /// The mean.
        public var mean: Double

        /// Percentiles (nearest rank) of `values`.
        public init(_ values: [Int]) {
            let sorted = values.sorted()
            func rank(_ q: Double) -> Int {
                guard !sorted.isEmpty else { return 0 }
                return sorted[min(sorted.count - 1, max(0, Int((q * Double(sorted.count)).rounded(.up)) - 1))]
            }
            minimum = sorted.first ?? 0
            p25 = rank(0.25)
            median = rank(0.5)
            p75 = rank(0.75)
            p90 = rank(0.9)
            maximum = sorted.last ?? 0
            mean = sorted.isEmpty ? 0 : Double(sorted.reduce(0, +)) / Double(sorted.count)
        }
    }

    /// Users with at least one rating.
    public var users: Int
    /// Items with at least one rating.
    public var items: Int
    /// Ratings (after merging duplicates).
    public var ratings: Int
    /// Ratings ÷ (users × items).
    public var density: Double
    /// Repeated (user, item) pairs merged, the last rating kept.
    public var duplicates: Int
    /// The lowest rating.
    public var minimumRating: Float
    /// The highest rating.
    public var maximumRating: Float
    /// The mean rating μ.
    public var meanRating: Double
    /// Whether the ratings carry timestamps.
    public var hasTimestamps: Bool
    /// Items with a title.
    public var titledItems: Int
    /// The names of the item features, if any.
    public var featureNames: [String]
    /// Ratings by value (one bin per value when there are at most 20, else 10 equal bins).
    public var histogram: [HistogramBin]
    /// How many ratings users gave.
    public var ratingsPerUser: Spread
    /// How many ratings items got.
    public var ratingsPerItem: Spread

    /// Summarises `dataset`.
    ///
    /// - Complexity: O(ratings + (users + items) log(users + items)).
    public init(_ dataset: Dataset) {
        let matrix = dataset.ratings
        users = matrix.userCount
        items = matrix.itemCount
        ratings = matrix.count
        density = matrix.density
        duplicates = matrix.duplicateCount
        let scale = matrix.ratingScale ?? 0...0
        minimumRating = scale.lowerBound
        maximumRating = scale.upperBound
        meanRating = matrix.globalMean
        hasTimestamps = matrix.hasTimestamps
        titledItems = dataset.itemTitles.filter { !$0.isEmpty }.count
        featureNames = dataset.itemFeatures?.names ?? []
        ratingsPerUser = Spread((0..<matrix.userCount).map(matrix.ratingCount(ofUser:)))
        ratingsPerItem = Spread((0..<matrix.itemCount).map(matrix.ratingCount(ofItem:)))
        var counts: [Float: Int] = [:]
        for value in matrix.userRatings where counts.count <= 20 { counts[value, default: 0] += 1 }
        if counts.count <= 20 {
            counts = [:]
            for value in matrix.userRatings { counts[value, default: 0] += 1 }
            histogram = counts.keys.sorted().map { HistogramBin(lower: $0, upper: $0, count: counts[$0]!) }
        } else {
            // In Double: the span of two Floats near ±3.4e38 is not a Float.
            let bins = 10
            let lower = Double(scale.lowerBound)
            let width = (Double(scale.upperBound) - lower) / Double(bins)
            var tallies = [Int](repeating: 0, count: bins)
            for value in matrix.userRatings {
                tallies[min(bins - 1, max(0, Int((Double(value) - lower) / width)))] += 1
            }
            histogram = (0..<bins).map {
                HistogramBin(
                    lower: Float(lower + Double($0) * width), upper: Float(lower + Double($0 + 1) * width),
                    count: tallies[$0])
            }
        }
    }
}
