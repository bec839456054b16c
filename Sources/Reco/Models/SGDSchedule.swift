/// The order SGD visits ratings in: fixed once by the seed, and cut into blocks of
/// (user group, item group) so T threads can run on blocks that share no user or item.
///
/// There are T user groups and T·m item groups. In sub-epoch s (of T·m) thread t runs block
/// (t, (t·m + s) mod T·m), so the T blocks of a sub-epoch are disjoint and every block runs once an
/// epoch (FPSG, Chin et al. 2015). m > 1 only when a thread's share of the item vectors is larger
/// than ``itemVectorBudget``: a block then touches a slice of them small enough to stay in the
/// core's own cache (up to ``maximumItemGroupsPerThread`` groups).
struct SGDSchedule: Sendable {
    /// Bytes of item vectors one block may touch before the items are cut into more groups.
    static let itemVectorBudget = 1 << 20
    /// At most this many item groups a thread: each more group cuts every user's run of ratings
    /// shorter (on 10M ratings one thread was fastest with 4, and 8 or 16 were slower).
    static let maximumItemGroupsPerThread = 4

    let threads: Int
    /// Item groups per thread (m).
    let itemGroupsPerThread: Int
    /// Ratings in visiting order, block after block (block (a, b) at index a·T·m + b).
    let users: [Int32]
    let items: [Int32]
    let values: [Float]
    /// Start of each block in the arrays above, T·T·m + 1 entries.
    let blockStarts: [Int]

    /// Item groups per thread for `items` vectors of `factors` Floats split over `threads` threads.
    static func itemGroupsPerThread(items: Int, factors: Int, threads: Int) -> Int {
        let bytesPerThread = items * factors * MemoryLayout<Float>.size / max(threads, 1)
        return min(maximumItemGroupsPerThread, max(1, (bytesPerThread + itemVectorBudget - 1) / itemVectorBudget))
    }

    /// Builds the schedule of `ratings` for `threads` threads and vectors of `factors` Floats.
    init(_ ratings: RatingMatrix, threads requested: Int, factors: Int, seed: UInt64) {
        // Small problems are not worth a thread each.
        let threads = ratings.count < 50_000 ? 1 : max(1, requested)
        let perThread = Self.itemGroupsPerThread(items: ratings.itemCount, factors: factors, threads: threads)
        let itemGroupCount = threads * perThread
        self.threads = threads
        self.itemGroupsPerThread = perThread
        // Groups are contiguous index ranges holding about equal numbers of ratings: contiguous so
        // two threads never write the same cache line of biases or factors, equal so neither waits.
        let userGroup = Self.groups(threads, counts: (0..<ratings.userCount).map(ratings.ratingCount(ofUser:)))
        let itemGroup = Self.groups(itemGroupCount, counts: (0..<ratings.itemCount).map(ratings.ratingCount(ofItem:)))
        let userGroupStarts = (0...threads).map { group in userGroup.firstIndex { $0 >= group } ?? ratings.userCount }
        var starts = [Int](repeating: 0, count: threads * itemGroupCount + 1)
        for group in 0..<threads {
            for user in userGroupStarts[group]..<userGroupStarts[group + 1] {
                for position in ratings.userRange(user) {
                    starts[group * itemGroupCount + itemGroup[Int(ratings.userItems[position])] + 1] += 1
                }
            }
        }
        for block in 0..<(threads * itemGroupCount) { starts[block + 1] += starts[block] }
        var users = [Int32](repeating: 0, count: ratings.count)
        var items = [Int32](repeating: 0, count: ratings.count)
        var values = [Float](repeating: 0, count: ratings.count)
        // Each user group fills its own row of blocks, so the groups are built in parallel.
        users.withUnsafeMutableBufferPointer { users in
            items.withUnsafeMutableBufferPointer { items in
                values.withUnsafeMutableBufferPointer { values in
                    Parallel.concurrent(threads) { group in
                        var cursor = Array(starts[(group * itemGroupCount)..<((group + 1) * itemGroupCount)])
                        var shuffler = SeededGenerator(seed: seed &+ 0x5EED &+ UInt64(group))
                        var positions: [Int] = []
                        // Users in index order (as Surprise visits them: their vectors then stream
                        // through the cache), each user's ratings in a seeded random order.
                        for user in userGroupStarts[group]..<userGroupStarts[group + 1] {
                            positions.removeAll(keepingCapacity: true)
                            positions.append(contentsOf: ratings.userRange(user))
                            positions.shuffle(using: &shuffler)
                            for position in positions {
                                let item = ratings.userItems[position]
                                let group = itemGroup[Int(item)]
                                let slot = cursor[group]
                                users[slot] = Int32(user)
                                items[slot] = item
                                values[slot] = ratings.userRatings[position]
                                cursor[group] = slot + 1
                            }
                        }
                    }
                }
            }
        }
        self.users = users
        self.items = items
        self.values = values
        self.blockStarts = starts
    }

    /// Assigns indices 0..<n to `count` contiguous groups with about equal sums of `counts`.
    static func groups(_ count: Int, counts: [Int]) -> [Int] {
        let total = max(counts.reduce(0, +), 1)
        var running = 0
        return counts.map { value in
            defer { running += value }
            return min(count - 1, running * count / total)
        }
    }

    /// One epoch: T·m sub-epochs, in sub-epoch s thread t runs block (t, (t·m + s) mod T·m). Returns
    /// the sum the body returns over all blocks, added in block order (deterministic).
    func run(_ body: (UnsafePointer<Int32>, UnsafePointer<Int32>, UnsafePointer<Float>, Range<Int>) -> Double) -> Double
    {
        users.withUnsafeBufferPointer { u in
            items.withUnsafeBufferPointer { i in
                values.withUnsafeBufferPointer { v in
                    let users = u.baseAddress!, items = i.baseAddress!, values = v.baseAddress!
                    let itemGroupCount = threads * itemGroupsPerThread
                    var sums = [Double](repeating: 0, count: threads * itemGroupCount)
                    sums.withUnsafeMutableBufferPointer { sumBuffer in
                        if threads == 1 {
                            for block in 0..<itemGroupCount {
                                sumBuffer[block] = body(
                                    users, items, values, blockStarts[block]..<blockStarts[block + 1])
                            }
                            return
                        }
                        for shift in 0..<itemGroupCount {
                            Parallel.concurrent(threads) { t in
                                let block = t * itemGroupCount + (t * itemGroupsPerThread + shift) % itemGroupCount
                                sumBuffer[block] = body(
                                    users, items, values, blockStarts[block]..<blockStarts[block + 1])
                            }
                        }
                    }
                    return sums.reduce(0, +)
                }
            }
        }
    }
}
