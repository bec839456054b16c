/// The floor of every top-N table: ranks items by how many training interactions they have, ties
/// by lower item index. Its "prediction" is that count, so it ranks but does not predict ratings.
public struct Popularity: RatingModel {
    /// Training interactions per item.
    public let counts: [Float]
    public let userCount: Int
    public var itemCount: Int { counts.count }
    public var itemVectors: DenseMatrix? { nil }

    /// Counts the interactions of every item in `ratings`.
    public init(_ ratings: RatingMatrix) {
        counts = (0..<ratings.itemCount).map { Float(ratings.ratingCount(ofItem: $0)) }
        userCount = ratings.userCount
    }

    /// A model from known counts.
    public init(counts: [Float], userCount: Int) {
        self.counts = counts
        self.userCount = userCount
    }

    public func predict(user: Int, item: Int) -> Float { counts[item] }

    public func scoreItems(forUser user: Int, into scores: UnsafeMutableBufferPointer<Float>) {
        _ = scores.initialize(from: counts)
    }
}
