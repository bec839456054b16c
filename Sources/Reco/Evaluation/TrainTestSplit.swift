/// A training matrix and a test matrix over the same users and items, with no rating in both.
public struct TrainTestSplit: Sendable {
    /// The ratings a model may learn from.
    public var train: RatingMatrix
    /// The held-out ratings it is judged on.
    public var test: RatingMatrix
    /// A short label ("fold 1", "holdout 20%").
    public var name: String

    /// Creates a split; both matrices must share their id maps.
    public init(train: RatingMatrix, test: RatingMatrix, name: String) {
        precondition(train.userIDs == test.userIDs && train.itemIDs == test.itemIDs, "train and test must share ids")
        self.train = train
        self.test = test
        self.name = name
    }

    /// Test users with no training rating (cold users).
    public var coldUsers: Int {
        (0..<test.userCount).filter { test.ratingCount(ofUser: $0) > 0 && train.ratingCount(ofUser: $0) == 0 }.count
    }

    /// Test items with no training rating (cold items).
    public var coldItems: Int {
        (0..<test.itemCount).filter { test.ratingCount(ofItem: $0) > 0 && train.ratingCount(ofItem: $0) == 0 }.count
    }
}
