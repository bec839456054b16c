/// Synthetic ratings with a planted low-rank structure and Zipf-like user activity and item
/// popularity: data whose right answer is known, at any scale.
///
/// Users u and items i get factors x_u, y_i ~ N(0, 1/K) in K dimensions and
/// ```
/// r_ui = clip(3 + 1.5 · x_u · y_i + ε, 1, 5),   ε ~ N(0, noise²)
/// ```
/// rounded to one decimal (or, with `scale`, to half stars from 0.5 or whole stars). User u (in a
/// seeded random order, rank ρ) rates about R·w_ρ items, w ∝ 1/(ρ + 10)^0.8, each item drawn with
/// probability ∝ 1/(rank + 10)^0.8 — or, with `popularity: .longTail`, ∝ 1/(rank + 1)^1.1 —
/// without repeats.
public struct SyntheticRatings: Sendable {
    /// How item popularity falls off with an item's rank.
    public enum Popularity: String, CaseIterable, Sendable {
        /// Weights ∝ 1/(rank + 10)^0.8: a gentle head (the default).
        case moderate
        /// Weights ∝ 1/(rank + 1)^1.1, Zipf's law: a steep head and a long tail of items rated once
        /// or twice, as in MovieLens' larger releases.
        case longTail = "long-tail"
    }

    /// The values the ratings take.
    public enum Scale: String, CaseIterable, Sendable {
        /// 1 to 5 in tenths (the default).
        case tenths
        /// 0.5 to 5 in halves, as in MovieLens' later releases.
        case halfStars = "half-stars"
        /// Whole stars, 1 to 5.
        case stars
    }

    /// Users U.
    public var users: Int
    /// Items I.
    public var items: Int
    /// Ratings R in all.
    public var ratings: Int
    /// Dimensions K of the planted factors.
    public var rank: Int
    /// Standard deviation of the noise ε.
    public var noise: Double
    /// Seed of every random draw: the same description gives the same ratings.
    public var seed: UInt64
    /// How item popularity falls off.
    public var popularity: Popularity
    /// The values the ratings take.
    public var scale: Scale

    /// Describes a dataset; `ratings` must be at least `users` (every user rates an item) and at most
    /// half of users × items.
    public init(
        users: Int, items: Int, ratings: Int, rank: Int = 10, noise: Double = 0.5, seed: UInt64 = 42,
        popularity: Popularity = .moderate, scale: Scale = .tenths
    ) {
        self.users = users
        self.items = items
        self.ratings = ratings
        self.rank = rank
        self.noise = noise
        self.seed = seed
        self.popularity = popularity
        self.scale = scale
    }

    /// `raw` on the rating scale: clipped to its range and rounded to its step.
    func quantized(_ raw: Double) -> Double {
        switch scale {
        case .tenths: return (min(5, max(1, raw)) * 10).rounded() / 10
        case .halfStars: return (min(5, max(0.5, raw)) * 2).rounded() / 2
        case .stars: return min(5, max(1, raw)).rounded()
        }
    }

    /// Checks the sizes.
    public func validate() throws(ModelError) {
        guard users > 0, items > 0 else {
            throw .invalidParameter(name: "users/items", value: "\(users)/\(items)", expected: "at least 1 each")
        }
        guard rank > 0 else { throw .invalidParameter(name: "rank", value: "\(rank)", expected: "at least 1") }
        guard ratings >= users, Double(ratings) <= Double(users) * Double(items) / 2 else {
            throw .invalidParameter(
                name: "ratings", value: "\(ratings)",
                expected:
                    "between the number of users (\(users): each rates at least one item) and half of users × items "
                    + "(\(Int(Double(users) * Double(items) / 2)))")
        }
        guard noise >= 0, noise.isFinite else {
            throw .invalidParameter(name: "noise", value: "\(noise)", expected: "≥ 0")
        }
    }

    /// Generates the ratings (users and items are indexed 0..<n, ids are their numbers).
    ///
    /// - Complexity: O(ratings · (K + log items)).
    public func generate() throws(ModelError) -> RatingMatrix {
        try validate()
        var generator = SeededGenerator(seed: seed)
        let scale = Float(1 / Double(rank).squareRoot())
        let userFactors = DenseMatrix.randomNormal(
            rows: users, columns: rank, standardDeviation: scale, using: &generator)
        let itemFactors = DenseMatrix.randomNormal(
            rows: items, columns: rank, standardDeviation: scale, using: &generator)
        let userRanks = Splitter.shuffledPositions(users, seed: seed &+ 11)
        let itemRanks = Splitter.shuffledPositions(items, seed: seed &+ 12)
        // Ratings per user from the activity weights, capped at half the catalogue rounded up, so
        // that users × cap ≥ ratings whenever `validate` passes (the loop below then ends).
        let cap = (items + 1) / 2
        let weights = userRanks.map { 1 / _pow(Double($0 + 10), 0.8) }
        let total = weights.reduce(0, +)
        var perUser = weights.map { min(cap, max(1, Int((Double(ratings) * $0 / total).rounded()))) }
        var assigned = perUser.reduce(0, +)
        var cursor = 0
        while assigned != ratings {
            let user = cursor % users
            if assigned < ratings && perUser[user] < cap {
                perUser[user] += 1
                assigned += 1
            } else if assigned > ratings && perUser[user] > 1 {
                perUser[user] -= 1
                assigned -= 1
            }
            cursor += 1
        }
        var cumulative = [Double](repeating: 0, count: items)
        var running = 0.0
        for item in 0..<items {
            running +=
                popularity == .moderate
                ? 1 / _pow(Double(itemRanks[item] + 10), 0.8) : 1 / _pow(Double(itemRanks[item] + 1), 1.1)
            cumulative[item] = running
        }
        var list = RatingList()
        list.reserveCapacity(ratings)
        var chosen = Set<Int32>()
        userFactors.storage.withUnsafeBufferPointer { x in
            itemFactors.storage.withUnsafeBufferPointer { y in
                for user in 0..<users {
                    chosen.removeAll(keepingCapacity: true)
                    while chosen.count < perUser[user] {
                        let target = generator.nextUnit() * running
                        var low = 0
                        var high = items - 1
                        while low < high {
                            let middle = (low + high) / 2
                            if cumulative[middle] < target { low = middle + 1 } else { high = middle }
                        }
                        chosen.insert(Int32(low))
                    }
                    for item in chosen.sorted() {
                        let signal = Kernels.dot(
                            x.baseAddress! + user * rank, y.baseAddress! + Int(item) * rank, count: rank)
                        let raw = 3 + 1.5 * Double(signal) + generator.nextNormal() * noise
                        let value = quantized(raw)
                        list.append(user: Int32(user), item: item, value: Float(value))
                    }
                }
            }
        }
        return RatingMatrix(
            userIDs: IDMap((0..<users).map(String.init)), itemIDs: IDMap((0..<items).map(String.init)), ratings: list)
    }

    /// The ratings as `user<TAB>item<TAB>rating` lines.
    public static func lines(_ matrix: RatingMatrix) -> [UInt8] {
        SplitFiles.lines(matrix)
    }
}
