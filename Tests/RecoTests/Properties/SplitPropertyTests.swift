import Foundation
import Reco
import RecoTestSupport
import Testing

/// Laws of splits, over 100 seeded random rating matrices each.
@Suite("Split properties")
struct SplitPropertyTests {
    @Test("a split written as files reads back identical: ids, indices and values")
    func splitFilesRoundTrip() throws {
        let folder = Fixtures.temporaryFolder()
        for var property in PropertyCases(seed: 101).prefix(100) {
            let ratings = property.ratings(strangeIDs: true, anyValues: property.chance(0.5))
            let split = Splitter.holdout(
                ratings, testFraction: property.double(in: 0.1...0.5), seed: UInt64(property.int(in: 0...1000)))
            guard split.test.count > 0, split.train.count > 0 else { continue }
            let paths = try SplitFiles.write(split, to: folder, name: "case\(property.index)")
            let read = try SplitFiles.read(train: paths.train, test: paths.test)
            #expect(read.train.userIDs == split.train.userIDs, "\(property)")
            #expect(read.train.itemIDs == split.train.itemIDs, "\(property)")
            #expect(read.train.userItems == split.train.userItems, "\(property)")
            #expect(read.train.userRatings == split.train.userRatings, "\(property)")
            #expect(read.test.userItems == split.test.userItems, "\(property)")
            #expect(read.test.userRatings == split.test.userRatings, "\(property)")
        }
    }

    @Test("k folds: test sets are disjoint, cover every rating, and each train set is the rest")
    func kFoldPartitions() {
        for var property in PropertyCases(seed: 102).prefix(100) {
            let ratings = property.ratings()
            let all = ratings.entries
            let k = property.int(in: 2...min(6, max(2, all.count)))
            let folds = Splitter.kFold(ratings, folds: k, seed: UInt64(property.int(in: 0...1000)))
            #expect(folds.count == k, "\(property)")
            var seen = Set<RatingMatrix.Entry>()
            var tested = 0
            for fold in folds {
                let test = Set(fold.test.entries)
                let train = Set(fold.train.entries)
                #expect(test.isDisjoint(with: train), "\(property)")
                #expect(test.union(train) == Set(all), "\(property)")
                #expect(seen.isDisjoint(with: test), "\(property): a rating in two test folds")
                seen.formUnion(test)
                tested += test.count
            }
            #expect(seen == Set(all) && tested == all.count, "\(property)")
            let sizes = folds.map(\.test.count)
            #expect(sizes.max()! - sizes.min()! <= 1, "\(property): fold sizes \(sizes)")
        }
    }
}
