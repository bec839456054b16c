/// When the training ratings were given, as time-aware models read it (Koren, KDD 2009): days
/// since 1970 (UTC), the span cut into equal bins, each user's mean rating day, and the days each
/// user rated on, which get their own terms.
///
/// A user's drift at day t is dev_u(t) = sign(t − t_u)·|t − t_u|^β, with t_u the user's mean day.
public struct RatingTimeline: Sendable, Equatable {
    /// The first and last day with a training rating.
    public let firstDay: Int64
    /// The last day with a training rating: the present, where predictions without a time are made.
    public let lastDay: Int64
    /// Bins the span is cut into (item biases get one term per bin).
    public let bins: Int
    /// β, the exponent of the drift.
    public let exponent: Float
    /// t_u, the mean day of each user's training ratings (0 for a user without any).
    public let userMeanDays: [Float]
    /// User u's rating days are `userDays[userDayOffsets[u]..<userDayOffsets[u + 1]]`, ascending;
    /// the position of a (user, day) pair there is its slot for day-specific terms.
    public let userDayOffsets: [Int]
    /// The distinct days each user rated on (see `userDayOffsets`).
    public let userDays: [Int32]

    /// A timeline from its parts.
    ///
    /// - Precondition: one mean day per user, offsets that bound `userDays`, at least one bin.
    public init(
        firstDay: Int64, lastDay: Int64, bins: Int, exponent: Float, userMeanDays: [Float], userDayOffsets: [Int],
        userDays: [Int32]
    ) {
        precondition(bins >= 1 && firstDay <= lastDay, "a timeline needs a bin and a span")
        precondition(
            userDayOffsets.count == userMeanDays.count + 1 && userDayOffsets.first == 0
                && userDayOffsets.last == userDays.count,
            "one day range per user")
        self.firstDay = firstDay
        self.lastDay = lastDay
        self.bins = bins
        self.exponent = exponent
        self.userMeanDays = userMeanDays
        self.userDayOffsets = userDayOffsets
        self.userDays = userDays
    }

    /// The timeline of `ratings`, and the slot of every rating in CSR order.
    ///
    /// - Throws: `ModelError.missingInput` naming `model` when the ratings have no timestamps.
    static func of(
        _ ratings: RatingMatrix, bins: Int, exponent: Float, model: String
    ) throws(ModelError) -> (timeline: RatingTimeline, slots: [Int32]) {
        guard ratings.hasTimestamps else {
            throw .missingInput(
                "\(model) needs the time of every rating, and this data has no timestamp column "
                    + "(user, item, rating, timestamp in seconds since 1970)")
        }
        let days = ratings.userTimestamps.map(day(of:))
        var meanDays = [Float](repeating: 0, count: ratings.userCount)
        var offsets = [0]
        var userDays: [Int32] = []
        var slots = [Int32](repeating: 0, count: ratings.count)
        for user in 0..<ratings.userCount {
            let range = ratings.userRange(user)
            let distinct = Set(days[range]).sorted()
            let slotOfDay = Dictionary(uniqueKeysWithValues: distinct.enumerated().map { ($1, userDays.count + $0) })
            userDays.append(contentsOf: distinct.map { Int32(clamping: $0) })
            offsets.append(userDays.count)
            var sum = 0.0
            for position in range {
                sum += Double(days[position])
                slots[position] = Int32(slotOfDay[days[position]]!)
            }
            if !range.isEmpty { meanDays[user] = Float(sum / Double(range.count)) }
        }
        let timeline = RatingTimeline(
            firstDay: days.min() ?? 0, lastDay: days.max() ?? 0, bins: bins, exponent: exponent,
            userMeanDays: meanDays, userDayOffsets: offsets, userDays: userDays)
        return (timeline, slots)
    }

    /// The day (since 1970, UTC) of a timestamp in seconds.
    public static func day(of timestamp: Int64) -> Int64 {
        let (quotient, remainder) = timestamp.quotientAndRemainder(dividingBy: 86_400)
        return remainder < 0 ? quotient - 1 : quotient
    }

    /// The bin of `day`: days before the first fall in the first bin, after the last in the last.
    public func bin(of day: Int64) -> Int {
        let span = lastDay - firstDay + 1
        let offset = min(max(day - firstDay, 0), span - 1)
        return Int(offset * Int64(bins) / span)
    }

    /// dev_u(day) = sign(day − t_u)·|day − t_u|^β.
    public func deviation(user: Int, day: Int64) -> Float {
        let difference = Float(day) - userMeanDays[user]
        guard difference != 0 else { return 0 }
        let magnitude = Float(_pow(Double(abs(difference)), Double(exponent)))
        return difference < 0 ? -magnitude : magnitude
    }

    /// The slot of user `user` on `day`, or `nil` when the user gave no training rating that day.
    public func slot(user: Int, day: Int64) -> Int? {
        guard user >= 0, user + 1 < userDayOffsets.count, let wanted = Int32(exactly: day) else { return nil }
        var low = userDayOffsets[user], high = userDayOffsets[user + 1]
        while low < high {
            let middle = (low + high) / 2
            if userDays[middle] < wanted { low = middle + 1 } else { high = middle }
        }
        return low < userDayOffsets[user + 1] && userDays[low] == wanted ? low : nil
    }

    /// Number of (user, day) slots.
    public var slotCount: Int { userDays.count }
}
