/// A sparse users × items matrix of `Float` ratings, stored twice in contiguous arrays: compressed
/// sparse rows by user (CSR) and compressed sparse columns by item (CSC), both built once.
///
/// Row u's ratings are `userItems[userOffsets[u]..<userOffsets[u+1]]` (item indices, ascending)
/// with values in `userRatings` at the same positions; column i's are `itemUsers`/`itemRatings`
/// between `itemOffsets[i]` and `itemOffsets[i+1]` (user indices, ascending).
///
/// A (user, item) pair given twice keeps its last value; `duplicateCount` says how many were dropped.
public struct RatingMatrix: Sendable {
    /// The dataset's user ids; index u is row u.
    public let userIDs: IDMap
    /// The dataset's item ids; index i is column i.
    public let itemIDs: IDMap
    /// CSR row starts, `userCount + 1` entries.
    public let userOffsets: [Int]
    /// CSR item index of each rating, ascending within a row.
    public let userItems: [Int32]
    /// CSR rating values.
    public let userRatings: [Float]
    /// CSR timestamps, parallel to `userRatings`, or empty when the data has none.
    public let userTimestamps: [Int64]
    /// CSC column starts, `itemCount + 1` entries.
    public let itemOffsets: [Int]
    /// CSC user index of each rating, ascending within a column.
    public let itemUsers: [Int32]
    /// CSC rating values.
    public let itemRatings: [Float]
    /// How many (user, item) pairs appeared more than once in the input (the last value was kept).
    public let duplicateCount: Int
    /// For each rating in CSR order, its position in the `RatingList` the matrix was built from (so
    /// a split can follow the file's order, as Python's peers do); empty when the matrix was built
    /// from a CSR directly, whose order then stands for the input's.
    let inputPositions: [Int32]

    /// Number of users (rows), including users with no ratings.
    public var userCount: Int { userIDs.count }
    /// Number of items (columns), including items with no ratings.
    public var itemCount: Int { itemIDs.count }
    /// Number of stored ratings.
    public var count: Int { userRatings.count }
    /// Whether every rating carries a timestamp.
    public var hasTimestamps: Bool { !userTimestamps.isEmpty }

    /// Builds the matrix from ratings in coordinate form.
    ///
    /// - Complexity: O(n log d) for n ratings and at most d ratings per user.
    public init(userIDs: IDMap, itemIDs: IDMap, ratings: RatingList) {
        let userCount = userIDs.count
        let itemCount = itemIDs.count
        let n = ratings.count
        precondition(n <= Int(Int32.max), "at most \(Int32.max) ratings")
        let withTimes = ratings.hasTimestamps
        // Counting sort by user keeps input order within a row, so "last wins" is the last position.
        var rowCounts = [Int](repeating: 0, count: userCount + 1)
        for u in ratings.users {
            precondition(Int(u) < userCount && u >= 0, "user index \(u) outside 0..<\(userCount)")
            rowCounts[Int(u) + 1] += 1
        }
        for u in 0..<userCount { rowCounts[u + 1] += rowCounts[u] }
        var cursor = rowCounts
        var order = [Int](repeating: 0, count: n)
        for p in 0..<n {
            let u = Int(ratings.users[p])
            order[cursor[u]] = p
            cursor[u] += 1
        }
        var offsets = [Int](repeating: 0, count: userCount + 1)
        var items = [Int32]()
        var values = [Float]()
        var times = [Int64]()
        var positions = [Int32]()
        positions.reserveCapacity(n)
        items.reserveCapacity(n)
        values.reserveCapacity(n)
        if withTimes { times.reserveCapacity(n) }
        var duplicates = 0
        var row: [Int] = []
        for u in 0..<userCount {
            row.removeAll(keepingCapacity: true)
            row.append(contentsOf: order[rowCounts[u]..<rowCounts[u + 1]])
            // Stable by (item, input position); the last of equal items wins. Rows that arrive
            // sorted (most files) skip the sort.
            var sorted = true
            for k in row.indices.dropFirst() where ratings.items[row[k - 1]] >= ratings.items[row[k]] {
                sorted = false
                break
            }
            if !sorted {
                row.sort { ratings.items[$0] != ratings.items[$1] ? ratings.items[$0] < ratings.items[$1] : $0 < $1 }
            }
            var k = 0
            while k < row.count {
                var last = k
                while last + 1 < row.count && ratings.items[row[last + 1]] == ratings.items[row[k]] { last += 1 }
                duplicates += last - k
                let p = row[last]
                precondition(
                    ratings.items[p] >= 0 && Int(ratings.items[p]) < itemCount, "item index outside 0..<\(itemCount)")
                items.append(ratings.items[p])
                values.append(ratings.values[p])
                positions.append(Int32(truncatingIfNeeded: p))
                if withTimes { times.append(ratings.timestamps[p]) }
                k = last + 1
            }
            offsets[u + 1] = items.count
        }
        self.init(
            userIDs: userIDs, itemIDs: itemIDs, userOffsets: offsets, userItems: items, userRatings: values,
            userTimestamps: times, duplicateCount: duplicates, inputPositions: positions)
    }

    /// Builds the matrix from an already deduplicated CSR, deriving the CSC.
    init(
        userIDs: IDMap, itemIDs: IDMap, userOffsets: [Int], userItems: [Int32], userRatings: [Float],
        userTimestamps: [Int64], duplicateCount: Int, inputPositions: [Int32] = []
    ) {
        precondition(inputPositions.isEmpty || inputPositions.count == userItems.count, "one input position per rating")
        self.inputPositions = inputPositions
        self.userIDs = userIDs
        self.itemIDs = itemIDs
        self.userOffsets = userOffsets
        self.userItems = userItems
        self.userRatings = userRatings
        self.userTimestamps = userTimestamps
        self.duplicateCount = duplicateCount
        let itemCount = itemIDs.count
        var columnStarts = [Int](repeating: 0, count: itemCount + 1)
        for i in userItems { columnStarts[Int(i) + 1] += 1 }
        for i in 0..<itemCount { columnStarts[i + 1] += columnStarts[i] }
        var cursor = columnStarts
        var users = [Int32](repeating: 0, count: userItems.count)
        var values = [Float](repeating: 0, count: userItems.count)
        for u in 0..<userIDs.count {
            for p in userOffsets[u]..<userOffsets[u + 1] {
                let i = Int(userItems[p])
                users[cursor[i]] = Int32(u)
                values[cursor[i]] = userRatings[p]
                cursor[i] += 1
            }
        }
        self.itemOffsets = columnStarts
        self.itemUsers = users
        self.itemRatings = values
    }

    /// The same ratings with every value replaced by `transform(user, item, value)` (ids, order and
    /// timestamps kept).
    ///
    /// - Complexity: O(ratings).
    public func mapValues(_ transform: (Int, Int, Float) -> Float) -> RatingMatrix {
        var values = userRatings
        for user in 0..<userCount {
            for p in userRange(user) { values[p] = transform(user, Int(userItems[p]), userRatings[p]) }
        }
        return RatingMatrix(
            userIDs: userIDs, itemIDs: itemIDs, userOffsets: userOffsets, userItems: userItems, userRatings: values,
            userTimestamps: userTimestamps, duplicateCount: duplicateCount, inputPositions: inputPositions)
    }

    /// Positions of user u's ratings in `userItems`/`userRatings`.
    @inlinable
    public func userRange(_ user: Int) -> Range<Int> { userOffsets[user]..<userOffsets[user + 1] }

    /// Positions of item i's ratings in `itemUsers`/`itemRatings`.
    @inlinable
    public func itemRange(_ item: Int) -> Range<Int> { itemOffsets[item]..<itemOffsets[item + 1] }

    /// Number of ratings user u gave.
    public func ratingCount(ofUser user: Int) -> Int { userOffsets[user + 1] - userOffsets[user] }

    /// Number of ratings item i received.
    public func ratingCount(ofItem item: Int) -> Int { itemOffsets[item + 1] - itemOffsets[item] }

    /// The rating user u gave item i, or `nil`.
    ///
    /// - Complexity: O(log d) for d ratings of the user.
    public func rating(user: Int, item: Int) -> Float? {
        let range = userRange(user)
        var low = range.lowerBound
        var high = range.upperBound
        let target = Int32(item)
        while low < high {
            let middle = (low + high) / 2
            if userItems[middle] < target { low = middle + 1 } else { high = middle }
        }
        return low < range.upperBound && userItems[low] == target ? userRatings[low] : nil
    }

    /// The mean of all ratings (0 when there are none).
    public var globalMean: Double {
        count == 0 ? 0 : userRatings.reduce(0.0) { $0 + Double($1) } / Double(count)
    }

    /// The smallest and largest rating, or `nil` when there are none.
    ///
    /// - Complexity: O(ratings): a `SavedModel` keeps it as `ratingScale`.
    public var ratingScale: ClosedRange<Float>? {
        guard let low = userRatings.min(), let high = userRatings.max() else { return nil }
        return low...high
    }

    /// Share of the users × items cells that hold a rating.
    public var density: Double {
        userCount == 0 || itemCount == 0 ? 0 : Double(count) / (Double(userCount) * Double(itemCount))
    }

    /// The ratings in coordinate form, in CSR order (by user, then item).
    public var ratingList: RatingList {
        var users = [Int32]()
        users.reserveCapacity(count)
        for u in 0..<userCount {
            users.append(contentsOf: repeatElement(Int32(u), count: ratingCount(ofUser: u)))
        }
        return RatingList(users: users, items: userItems, values: userRatings, timestamps: userTimestamps)
    }
}
