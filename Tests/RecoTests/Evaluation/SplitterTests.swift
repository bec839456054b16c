import RecoTestSupport
import Testing

@testable import Reco

struct SplitterTests {
    let ratings = Fixtures.plantedLowRank(users: 50, items: 40, rank: 2, density: 0.4, seed: 4)

    /// (user id, item id) pairs of a matrix.
    func pairs(_ matrix: RatingMatrix) -> Set<String> {
        var result = Set<String>()
        for user in 0..<matrix.userCount {
            for p in matrix.userRange(user) {
                result.insert(matrix.userIDs.id(at: user) + "|" + matrix.itemIDs.id(at: Int(matrix.userItems[p])))
            }
        }
        return result
    }

    @Test func holdoutPartitionsTheRatings() {
        let split = Splitter.holdout(ratings, testFraction: 0.25, seed: 3)
        let train = pairs(split.train)
        let test = pairs(split.test)
        #expect(train.isDisjoint(with: test))
        #expect(train.union(test) == pairs(ratings))
        #expect(split.test.count == Int((Double(ratings.count) * 0.25).rounded()))
        #expect(pairs(Splitter.holdout(ratings, testFraction: 0.25, seed: 3).test) == test)
        #expect(pairs(Splitter.holdout(ratings, testFraction: 0.25, seed: 4).test) != test)
    }

    /// Ten ratings, rating p on item "p" (user p mod 3), in input order; `duplicateOf` repeats an
    /// earlier pair at the end so the input holds one more row than the matrix.
    func numbered(_ count: Int, duplicateOf: Int? = nil) -> RatingMatrix {
        var users = (0..<count).map { Int32($0 % 3) }
        var items = (0..<count).map { Int32($0) }
        if let duplicateOf {
            users.append(users[duplicateOf])
            items.append(items[duplicateOf])
        }
        let list = RatingList(users: users, items: items, values: [Float](repeating: 3, count: users.count))
        return RatingMatrix(
            userIDs: IDMap((0..<3).map(String.init)), itemIDs: IDMap((0..<count).map(String.init)), ratings: list)
    }

    /// The item ids a fold tests on.
    func testedItems(_ split: TrainTestSplit) -> Set<Int> {
        Set(split.test.userItems.map { Int(split.test.itemIDs.id(at: Int($0)))! })
    }

    @Test func kFoldCutsSurprisesFoldsInInputOrder() {
        // Surprise: KFold(n_splits=3, random_state=42) shuffles positions 0..<10 with
        // RandomState(42) to [8, 1, 5, 0, 7, 2, 9, 4, 3, 6] and cuts 4 + 3 + 3.
        let folds = Splitter.kFold(numbered(10), folds: 3, seed: 42)
        #expect(folds.map(testedItems) == [[8, 1, 5, 0], [7, 2, 9], [4, 3, 6]])
        // An eleventh row repeating item 4's pair: 11 positions are shuffled (as the peers read
        // 11 rows) and item 4 falls where its kept, last row (position 10) falls.
        var order = Array(0..<11)
        var twister = MersenneTwister(seed: 42)
        twister.shuffle(&order)
        let withDuplicate = Splitter.kFold(numbered(10, duplicateOf: 4), folds: 3, seed: 42)
        let expected = [order[0..<4], order[4..<8], order[8..<11]].map { part in
            Set(part.compactMap { $0 == 4 ? nil : ($0 == 10 ? 4 : $0) })
        }
        #expect(withDuplicate.map(testedItems) == expected)
    }

    @Test func kFoldTestsEveryRatingExactlyOnce() {
        let folds = Splitter.kFold(ratings, folds: 4, seed: 9)
        var seen = Set<String>()
        for fold in folds {
            let test = pairs(fold.test)
            #expect(seen.isDisjoint(with: test))
            #expect(pairs(fold.train).isDisjoint(with: test))
            #expect(abs(fold.test.count - ratings.count / 4) <= 1)
            seen.formUnion(test)
        }
        #expect(seen == pairs(ratings))
    }

    @Test func perUserHoldsOutAtLeastOneAndKeepsAtLeastOne() {
        let split = Splitter.perUser(ratings, testFraction: 0.2, seed: 5)
        for user in 0..<split.train.userCount {
            let id = split.train.userIDs.id(at: user)
            let total = ratings.ratingCount(ofUser: ratings.userIDs.index(of: id)!)
            guard total >= 2 else { continue }
            #expect(split.test.ratingCount(ofUser: user) >= 1)
            #expect(split.train.ratingCount(ofUser: user) >= 1)
        }
        #expect(pairs(split.train).isDisjoint(with: pairs(split.test)))
    }

    @Test func temporalTestsAreLaterThanTraining() throws {
        let list = RatingList(
            users: [0, 0, 0, 1, 1, 1, 1], items: [0, 1, 2, 0, 1, 2, 3], values: [1, 2, 3, 4, 5, 1, 2],
            timestamps: [10, 30, 20, 5, 50, 40, 60])
        let timed = RatingMatrix(userIDs: IDMap(["a", "b"]), itemIDs: IDMap(["w", "x", "y", "z"]), ratings: list)
        let global = try Splitter.temporal(timed, testFraction: 0.3, perUser: false)
        #expect(global.test.count == 2)
        #expect(global.test.userTimestamps.min()! > global.train.userTimestamps.max()!)
        let perUser = try Splitter.temporal(timed, testFraction: 0.3, perUser: true)
        for user in 0..<perUser.test.userCount {
            let trainTimes = perUser.train.userRange(user).map { perUser.train.userTimestamps[$0] }
            let testTimes = perUser.test.userRange(user).map { perUser.test.userTimestamps[$0] }
            #expect(testTimes.min()! > trainTimes.max()!)
        }
        #expect(throws: ModelError.self) { try Splitter.temporal(ratings, testFraction: 0.2, perUser: false) }
    }

    @Test func aTimeCutoffTestsOnEveryLaterRatingAndRefusesAnEmptySide() throws {
        let list = RatingList(
            users: [0, 0, 0, 1, 1, 1, 1], items: [0, 1, 2, 0, 1, 2, 3], values: [1, 2, 3, 4, 5, 1, 2],
            timestamps: [10, 30, 20, 5, 50, 40, 60])
        let timed = RatingMatrix(userIDs: IDMap(["a", "b"]), itemIDs: IDMap(["w", "x", "y", "z"]), ratings: list)
        let split = try Splitter.timeCutoff(timed, before: 30)
        #expect(split.test.userTimestamps.sorted() == [30, 40, 50, 60])
        #expect(split.train.userTimestamps.sorted() == [5, 10, 20])
        for cutoff: Int64 in [5, 61] {
            #expect {
                try Splitter.timeCutoff(timed, before: cutoff)
            } throws: { error in
                "\(error)".contains("the timestamps run from 5 to 60")
            }
        }
        #expect(throws: ModelError.self) { try Splitter.timeCutoff(ratings, before: 30) }
    }

    @Test func splitFilesRoundTripToTheSameIndices() throws {
        let list = RatingList(
            users: [2, 0, 1, 0, 2, 1], items: [1, 3, 0, 2, 2, 1], values: [3.5, 1, 4, 5, 2, 0.5],
            timestamps: [6, 5, 4, 3, 2, 1])
        let matrix = RatingMatrix(
            userIDs: IDMap(["carol", "alice", "bob"]), itemIDs: IDMap(["d", "a", "c", "b"]), ratings: list)
        for split in Splitter.kFold(matrix, folds: 3, seed: 2) {
            let folder = Fixtures.temporaryFolder()
            let paths = try SplitFiles.write(split, to: folder, name: "f")
            let back = try SplitFiles.read(train: paths.train, test: paths.test)
            for (a, b) in [(split.train, back.train), (split.test, back.test)] {
                #expect(a.userIDs == b.userIDs && a.itemIDs == b.itemIDs)
                #expect(a.userOffsets == b.userOffsets && a.userItems == b.userItems)
                #expect(a.userRatings == b.userRatings && a.userTimestamps == b.userTimestamps)
            }
        }
    }

    @Test func evaluationFromFilesMatchesInMemoryToTheLastDigit() throws {
        let folds = Splitter.kFold(ratings, folds: 3, seed: 42)
        let evaluator = Evaluator(metrics: [.rmse, .mae, .ndcg(10)])
        let parameters = ModelParameters([
            "factors": "3", "epochs": "20", "learning-rate": "0.01", "regularization": "0.1",
        ])
        let memory = try evaluator.crossValidate(.matrixFactorization, parameters: parameters, splits: folds)
        let folder = Fixtures.temporaryFolder()
        let fromFiles = try folds.enumerated().map { index, fold in
            let paths = try SplitFiles.write(fold, to: folder, name: "fold-\(index + 1)")
            return try SplitFiles.read(train: paths.train, test: paths.test)
        }
        let files = try evaluator.crossValidate(.matrixFactorization, parameters: parameters, splits: fromFiles)
        #expect(memory.folds.map(\.values) == files.folds.map(\.values))
        #expect(fromFiles[0].name == "fold-1")
    }
}
