/// Ways to divide ratings into training and test sets. Every random split takes a seed, and the
/// same seed gives the same split.
public enum Splitter {
    /// A random `testFraction` of all ratings is held out.
    ///
    /// - Complexity: O(ratings).
    public static func holdout(_ ratings: RatingMatrix, testFraction: Double, seed: UInt64) -> TrainTestSplit {
        let list = ratings.ratingList
        let order = shuffledPositions(list.count, seed: seed)
        let testCount = Int((Double(list.count) * testFraction).rounded())
        return split(ratings, list, testPositions: order[..<testCount], name: "holdout \(percent(testFraction))")
    }

    /// k folds: the ratings are shuffled once with `seed` and cut into k near-equal parts; fold f
    /// tests on part f and trains on the rest.
    public static func kFold(_ ratings: RatingMatrix, folds: Int, seed: UInt64) -> [TrainTestSplit] {
        precondition(folds >= 2, "k-fold needs at least 2 folds")
        let list = ratings.ratingList
        let order = shuffledPositions(list.count, seed: seed)
        return (0..<folds).map { fold in
            let start = list.count * fold / folds
            let end = list.count * (fold + 1) / folds
            return split(ratings, list, testPositions: order[start..<end], name: "fold \(fold + 1)")
        }
    }

    /// Per user, a random `testFraction` of that user's ratings (at least one, and never all of a
    /// user with two or more) is held out: the top-N protocol.
    public static func perUser(_ ratings: RatingMatrix, testFraction: Double, seed: UInt64) -> TrainTestSplit {
        var generator = SeededGenerator(seed: seed)
        let list = ratings.ratingList
        var testPositions: [Int] = []
        for user in 0..<ratings.userCount {
            var positions = Array(ratings.userRange(user))
            guard positions.count >= 2 else { continue }
            positions.shuffle(using: &generator)
            let take = min(positions.count - 1, max(1, Int((Double(positions.count) * testFraction).rounded())))
            testPositions.append(contentsOf: positions[..<take])
        }
        return split(ratings, list, testPositions: testPositions, name: "per-user \(percent(testFraction))")
    }

    /// The latest `testFraction` of ratings by timestamp are held out: across all ratings, or of each
    /// user's when `perUser` is true. Ties keep input order.
    public static func temporal(_ ratings: RatingMatrix, testFraction: Double, perUser: Bool) throws(ModelError)
        -> TrainTestSplit
    {
        guard ratings.hasTimestamps else {
            throw .missingInput("a temporal split needs timestamps, and this data has none")
        }
        let list = ratings.ratingList
        var testPositions: [Int] = []
        if perUser {
            for user in 0..<ratings.userCount {
                let positions = Array(ratings.userRange(user)).sorted { (list.timestamps[$0], $0) < (list.timestamps[$1], $1) }
                guard positions.count >= 2 else { continue }
                let take = min(positions.count - 1, max(1, Int((Double(positions.count) * testFraction).rounded())))
                testPositions.append(contentsOf: positions.suffix(take))
            }
        } else {
            let order = (0..<list.count).sorted { (list.timestamps[$0], $0) < (list.timestamps[$1], $1) }
            let testCount = Int((Double(list.count) * testFraction).rounded())
            testPositions = Array(order.suffix(testCount))
        }
        return split(ratings, list, testPositions: testPositions, name: "temporal\(perUser ? " per user" : "") \(percent(testFraction))")
    }

    /// A Fisher–Yates permutation of 0..<count.
    static func shuffledPositions(_ count: Int, seed: UInt64) -> [Int] {
        var generator = SeededGenerator(seed: seed)
        var order = Array(0..<count)
        if count > 1 {
            for i in stride(from: count - 1, to: 0, by: -1) {
                let j = Int(generator.next() % UInt64(i + 1))
                order.swapAt(i, j)
            }
        }
        return order
    }

    static func split<C: Collection>(_ ratings: RatingMatrix, _ list: RatingList, testPositions: C, name: String)
        -> TrainTestSplit where C.Element == Int
    {
        var inTest = [Bool](repeating: false, count: list.count)
        for p in testPositions { inTest[p] = true }
        let train = list.selecting((0..<list.count).filter { !inTest[$0] })
        let test = list.selecting((0..<list.count).filter { inTest[$0] })
        return TrainTestSplit(train: train, test: test, userIDs: ratings.userIDs, itemIDs: ratings.itemIDs, name: name)
    }

    static func percent(_ fraction: Double) -> String {
        let value = fraction * 100
        return value == value.rounded() ? "\(Int(value))%" : "\(value)%"
    }
}
