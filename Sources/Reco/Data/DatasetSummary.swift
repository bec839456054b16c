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
        public var minimum: Int
        public var p25: Int
        public var median: Int
        public var p75: Int
        public var p90: Int
        public var maximum: Int
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

    public var users: Int
    public var items: Int
    public var ratings: Int
    public var density: Double
    public var duplicates: Int
    public var minimumRating: Float
    public var maximumRating: Float
    public var meanRating: Double
    public var hasTimestamps: Bool
    public var titledItems: Int
    public var featureNames: [String]
    public var histogram: [HistogramBin]
    public var ratingsPerUser: Spread
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
