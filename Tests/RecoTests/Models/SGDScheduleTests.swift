import RecoTestSupport
import Testing

@testable import Reco

struct SGDScheduleTests {
    /// 400 users × 300 items at density 0.5: 60k ratings, enough for two threads.
    static let ratings = Fixtures.plantedLowRank(users: 400, items: 300, rank: 4, density: 0.5, seed: 2)

    @Test func itemsAreCutIntoMoreGroupsOnlyWhenTheirVectorsOutgrowTheBudget() {
        #expect(SGDSchedule.itemGroupsPerThread(items: 1682, factors: 100, threads: 2) == 1)
        // 10,000 items × 100 Floats = 4 MB, 2 MB a thread.
        #expect(SGDSchedule.itemGroupsPerThread(items: 10_000, factors: 100, threads: 2) == 2)
        #expect(SGDSchedule.itemGroupsPerThread(items: 10_000, factors: 100, threads: 1) == 4)
        // A million items: capped, so a user's ratings are not scattered over hundreds of blocks.
        #expect(
            SGDSchedule.itemGroupsPerThread(items: 1_000_000, factors: 100, threads: 2)
                == SGDSchedule.maximumItemGroupsPerThread)
    }

    @Test(arguments: [(threads: 1, factors: 8), (threads: 2, factors: 8), (threads: 2, factors: 4000)])
    func everyRatingOnceInDisjointBlocks(threads: Int, factors: Int) {
        let ratings = Self.ratings
        let schedule = SGDSchedule(ratings, threads: threads, factors: factors, seed: 7)
        let groupCount = schedule.threads * schedule.itemGroupsPerThread
        #expect(schedule.threads == threads)
        #expect(schedule.itemGroupsPerThread == (factors == 4000 ? 3 : 1))
        #expect(schedule.blockStarts.count == schedule.threads * groupCount + 1)
        #expect(schedule.blockStarts.last == ratings.count)

        // Every rating exactly once, with its value.
        var seen = Set<Int>()
        for index in 0..<ratings.count {
            let user = Int(schedule.users[index]), item = Int(schedule.items[index])
            #expect(ratings.rating(user: user, item: item) == schedule.values[index])
            seen.insert(user * ratings.itemCount + item)
        }
        #expect(seen.count == ratings.count)

        // Each block's users come in index order; the blocks a sub-epoch runs together share no user
        // and no item.
        func block(_ block: Int) -> (users: Set<Int32>, items: Set<Int32>) {
            let range = schedule.blockStarts[block]..<schedule.blockStarts[block + 1]
            #expect(zip(range.dropLast(), range.dropFirst()).allSatisfy { schedule.users[$0] <= schedule.users[$1] })
            return (Set(range.map { schedule.users[$0] }), Set(range.map { schedule.items[$0] }))
        }
        for shift in 0..<groupCount {
            let running = (0..<schedule.threads).map { t in
                block(t * groupCount + (t * schedule.itemGroupsPerThread + shift) % groupCount)
            }
            for a in running.indices {
                #expect(!running[a].users.isEmpty)
                for b in running.indices where b > a {
                    #expect(running[a].users.isDisjoint(with: running[b].users))
                    #expect(running[a].items.isDisjoint(with: running[b].items))
                }
            }
        }
    }

    @Test func sameSeedSameOrder() {
        let a = SGDSchedule(Self.ratings, threads: 2, factors: 8, seed: 3)
        let b = SGDSchedule(Self.ratings, threads: 2, factors: 8, seed: 3)
        let c = SGDSchedule(Self.ratings, threads: 2, factors: 8, seed: 4)
        #expect(a.items == b.items && a.users == b.users && a.values == b.values)
        #expect(a.items != c.items)
    }
}
