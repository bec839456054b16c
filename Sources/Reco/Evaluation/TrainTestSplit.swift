/// A training matrix and a test matrix over the same users and items, with no rating in both.
///
/// Ids are indexed in a canonical order — users and items in order of first appearance in the
/// training ratings (by user, then item), then in the test ratings — so a split rebuilt from the
/// files `SplitFiles` writes is identical, index for index, to the split in memory, and every model
/// trained on either gives the same numbers to the last digit.
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

    /// Builds a split from two rating lists indexed by `userIDs`/`itemIDs`, re-indexing the ids in
    /// the canonical order (first appearance in `train`, then in `test`, each in list order).
    public init(train: RatingList, test: RatingList, userIDs: IDMap, itemIDs: IDMap, name: String) {
        var users = IDMap()
        var items = IDMap()
        func reindexed(_ list: RatingList) -> RatingList {
            var result = RatingList()
            result.reserveCapacity(list.count)
            for p in 0..<list.count {
                result.append(
                    user: users.insert(userIDs.id(at: Int(list.users[p]))),
                    item: items.insert(itemIDs.id(at: Int(list.items[p]))), value: list.values[p],
                    timestamp: list.hasTimestamps ? list.timestamps[p] : nil)
            }
            return result
        }
        let newTrain = reindexed(train)
        let newTest = reindexed(test)
        self.init(
            train: RatingMatrix(userIDs: users, itemIDs: items, ratings: newTrain),
            test: RatingMatrix(userIDs: users, itemIDs: items, ratings: newTest), name: name)
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
