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

    /// k folds, cut as Surprise's `KFold(n_splits=k, random_state=seed)` cuts them: the positions
    /// of the ratings as read (file order) are shuffled by NumPy's `RandomState(seed)`
    /// (`MersenneTwister`) and cut into k consecutive parts, the first n mod k of them one rating
    /// longer; fold f tests on part f and trains on the rest. The same file and seed give the very
    /// folds Surprise's cross-validation uses, so figures compare one to one.
    ///
    /// - Complexity: O(ratings · k).
    public static func kFold(_ ratings: RatingMatrix, folds: Int, seed: UInt64) -> [TrainTestSplit] {
        precondition(folds >= 2, "k-fold needs at least 2 folds")
        let list = ratings.ratingList
        let fromInput = !ratings.inputPositions.isEmpty
        // Duplicated pairs were read (and shuffled by the peers) but only the last one was kept.
        let inputCount = fromInput ? ratings.count + ratings.duplicateCount : ratings.count
        var order = Array(0..<inputCount)
        var twister = MersenneTwister(seed: seed)
        twister.shuffle(&order)
        var foldOfInput = [Int32](repeating: 0, count: inputCount)
        var stop = 0
        for fold in 0..<folds {
            let start = stop
            stop += inputCount / folds + (fold < inputCount % folds ? 1 : 0)
            for position in order[start..<stop] { foldOfInput[position] = Int32(fold) }
        }
        let foldOfRating = (0..<list.count).map { foldOfInput[fromInput ? Int(ratings.inputPositions[$0]) : $0] }
        return (0..<folds).map { fold in
            split(
                ratings, list, testPositions: (0..<list.count).lazy.filter { foldOfRating[$0] == fold },
                name: "fold \(fold + 1)")
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

    /// A seeded `fraction` of the items is held out with every rating they have: the test set's
    /// items are new arrivals nobody rated in training (cold items), which only a model that reads
    /// item features can rank.
    public static func coldItems(_ ratings: RatingMatrix, fraction: Double, seed: UInt64) -> TrainTestSplit {
        let chosen = Set(
            shuffledPositions(ratings.itemCount, seed: seed).prefix(
                Int((Double(ratings.itemCount) * fraction).rounded())))
        let list = ratings.ratingList
        let test = (0..<list.count).filter { chosen.contains(Int(list.items[$0])) }
        return split(ratings, list, testPositions: test, name: "cold items \(percent(fraction))")
    }

    /// A seeded `fraction` of the users is held out with every rating they gave (cold users).
    public static func coldUsers(_ ratings: RatingMatrix, fraction: Double, seed: UInt64) -> TrainTestSplit {
        let chosen = Set(
            shuffledPositions(ratings.userCount, seed: seed).prefix(
                Int((Double(ratings.userCount) * fraction).rounded())))
        let list = ratings.ratingList
        let test = (0..<list.count).filter { chosen.contains(Int(list.users[$0])) }
        return split(ratings, list, testPositions: test, name: "cold users \(percent(fraction))")
    }

    /// The latest `testFraction` of ratings by timestamp are held out: across all ratings, or of each
    /// user's when `perUser` is true. Ties keep input order.
    public static func temporal(
        _ ratings: RatingMatrix, testFraction: Double, perUser: Bool
    ) throws(ModelError)
        -> TrainTestSplit
    {
        guard ratings.hasTimestamps else {
            throw .missingInput("a temporal split needs timestamps, and this data has none")
        }
        let list = ratings.ratingList
        var testPositions: [Int] = []
        if perUser {
            for user in 0..<ratings.userCount {
                let positions = Array(ratings.userRange(user)).sorted {
                    (list.timestamps[$0], $0) < (list.timestamps[$1], $1)
                }
                guard positions.count >= 2 else { continue }
                let take = min(positions.count - 1, max(1, Int((Double(positions.count) * testFraction).rounded())))
                testPositions.append(contentsOf: positions.suffix(take))
            }
        } else {
            let order = (0..<list.count).sorted { (list.timestamps[$0], $0) < (list.timestamps[$1], $1) }
            let testCount = Int((Double(list.count) * testFraction).rounded())
            testPositions = Array(order.suffix(testCount))
        }
        return split(
            ratings, list, testPositions: testPositions,
            name: "temporal\(perUser ? " per user" : "") \(percent(testFraction))")
    }

    /// Every rating at or after `cutoff` (seconds since 1970, the timestamps' unit) is held out:
    /// train on the past, test on the future, as a deployed model meets it.
    ///
    /// - Throws: `ModelError.missingInput` without timestamps, `.invalidParameter` when the cutoff
    ///   leaves no ratings on one side (naming the data's first and last timestamps).
    public static func timeCutoff(_ ratings: RatingMatrix, before cutoff: Int64) throws(ModelError) -> TrainTestSplit {
        guard ratings.hasTimestamps else {
            throw .missingInput("a time-cutoff split needs timestamps, and this data has none")
        }
        let list = ratings.ratingList
        let test = (0..<list.count).filter { list.timestamps[$0] >= cutoff }
        guard !test.isEmpty, test.count < list.count else {
            let first = list.timestamps.min() ?? 0, last = list.timestamps.max() ?? 0
            throw .invalidParameter(
                name: "before", value: "\(cutoff)",
                expected: "a time that leaves ratings on both sides; the timestamps run from \(first) to \(last)"
                    + (test.isEmpty ? " (none is this late)" : " (none is earlier)"))
        }
        return split(ratings, list, testPositions: test, name: "before \(cutoff)")
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

    static func split<C: Collection>(
        _ ratings: RatingMatrix, _ list: RatingList, testPositions: C, name: String
    )
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
