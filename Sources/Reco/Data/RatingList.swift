/// Ratings in coordinate form: parallel arrays of user index, item index, value and (optionally)
/// timestamp, in the order they were read.
///
/// This is what loaders produce and splits hand around; `RatingMatrix` is built from it.
public struct RatingList: Equatable, Sendable {
    /// User index of each rating.
    public var users: [Int32] = []
    /// Item index of each rating.
    public var items: [Int32] = []
    /// The rating values.
    public var values: [Float] = []
    /// Timestamps (seconds), parallel to the other arrays, or empty when the data has none.
    public var timestamps: [Int64] = []

    /// An empty list.
    public init() {}

    /// A list from parallel arrays; `timestamps` is empty or as long as the others.
    public init(users: [Int32], items: [Int32], values: [Float], timestamps: [Int64] = []) {
        precondition(users.count == items.count && items.count == values.count, "parallel arrays differ in length")
        precondition(timestamps.isEmpty || timestamps.count == values.count, "timestamps differ in length")
        self.users = users
        self.items = items
        self.values = values
        self.timestamps = timestamps
    }

    /// Number of ratings.
    public var count: Int { values.count }

    /// Whether every rating carries a timestamp.
    public var hasTimestamps: Bool { !timestamps.isEmpty && timestamps.count == values.count }

    /// Appends one rating.
    public mutating func append(user: Int32, item: Int32, value: Float, timestamp: Int64? = nil) {
        users.append(user)
        items.append(item)
        values.append(value)
        if let timestamp { timestamps.append(timestamp) }
    }

    /// Reserves room for `count` ratings.
    public mutating func reserveCapacity(_ count: Int) {
        users.reserveCapacity(count)
        items.reserveCapacity(count)
        values.reserveCapacity(count)
    }

    /// The ratings at the given positions, in that order.
    public func selecting<C: Collection>(_ positions: C) -> RatingList where C.Element == Int {
        var result = RatingList()
        result.reserveCapacity(positions.count)
        for p in positions {
            result.users.append(users[p])
            result.items.append(items[p])
            result.values.append(values[p])
            if hasTimestamps { result.timestamps.append(timestamps[p]) }
        }
        return result
    }
}
