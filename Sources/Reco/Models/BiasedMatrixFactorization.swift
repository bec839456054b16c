/// Biased matrix factorization trained by stochastic gradient descent.
///
/// Predicts
/// ```
/// r̂(u, i) = μ + b_u + b_i + p_u · q_i
/// ```
/// (Funk 2006; Koren, Bell & Volinsky 2009; Surprise's `SVD`). For every rating — users in a seeded
/// random order, each user's ratings shuffled — with e = r − r̂:
/// ```
/// b_u ← b_u + η (e − λ b_u)        p_u ← p_u + η (e q_i − λ p_u)
/// b_i ← b_i + η (e − λ b_i)        q_i ← q_i + η (e p_u − λ q_i)
/// ```
/// With several threads the rating matrix is cut into T × T blocks of users and items; in each of
/// the T sub-epochs every thread takes a block that shares no user and no item with the others
/// (FPSG, Chin et al. 2015), so updates never race and the model depends only on the seed and T.
///
/// - Complexity: O(epochs · ratings · factors) to fit; O(factors) per prediction.
public struct BiasedMatrixFactorization: RatingModel {
    /// Hyperparameters; the defaults are Surprise's `SVD`.
    public struct Configuration: Sendable, Equatable {
        public var factors: Int
        public var epochs: Int
        public var learningRate: Float
        public var regularization: Float
        /// Standard deviation of the N(0, σ²) factor initialisation.
        public var initialStandardDeviation: Float
        public var seed: UInt64
        /// Threads (blocks per side); `nil` uses every core.
        public var threads: Int?

        /// Creates a configuration.
        public init(
            factors: Int = 100, epochs: Int = 20, learningRate: Float = 0.005, regularization: Float = 0.02,
            initialStandardDeviation: Float = 0.1, seed: UInt64 = 42, threads: Int? = nil
        ) {
            self.factors = factors
            self.epochs = epochs
            self.learningRate = learningRate
            self.regularization = regularization
            self.initialStandardDeviation = initialStandardDeviation
            self.seed = seed
            self.threads = threads
        }
    }

    /// μ.
    public var mean: Float
    /// b_u.
    public var userBiases: [Float]
    /// b_i.
    public var itemBiases: [Float]
    /// p_u, users × factors.
    public var userFactors: DenseMatrix
    /// q_i, items × factors.
    public var itemFactors: DenseMatrix

    public var userCount: Int { userFactors.rows }
    public var itemCount: Int { itemFactors.rows }
    public var userVectors: DenseMatrix? { userFactors }
    public var itemVectors: DenseMatrix? { itemFactors }

    /// A model from known parameters.
    public init(mean: Float, userBiases: [Float], itemBiases: [Float], userFactors: DenseMatrix, itemFactors: DenseMatrix) {
        self.mean = mean
        self.userBiases = userBiases
        self.itemBiases = itemBiases
        self.userFactors = userFactors
        self.itemFactors = itemFactors
    }

    public func baselinePrediction(user: Int?, item: Int?) -> Float? {
        biasedBaseline(mean: mean, userBiases: userBiases, itemBiases: itemBiases, user: user, item: item)
    }

    public func predict(user: Int, item: Int) -> Float {
        mean + userBiases[user] + itemBiases[item] + userFactors.dot(row: user, itemFactors, row: item)
    }

    public func scoreItems(forUser user: Int, into scores: UnsafeMutableBufferPointer<Float>) {
        userFactors.scoreRows(of: itemFactors, against: user, base: mean + userBiases[user], biases: itemBiases, into: scores)
    }

    /// Trains on `ratings`; the observer gets the mean squared training error of each epoch.
    public static func fit(
        _ ratings: RatingMatrix, configuration: Configuration = Configuration(), observer: TrainingObserver? = nil
    ) throws(ModelError) -> BiasedMatrixFactorization {
        try SGDSchedule.validate(factors: configuration.factors, epochs: configuration.epochs,
            learningRate: configuration.learningRate, regularization: configuration.regularization)
        var generator = SeededGenerator(seed: configuration.seed)
        let k = configuration.factors
        var model = BiasedMatrixFactorization(
            mean: Float(ratings.globalMean), userBiases: [Float](repeating: 0, count: ratings.userCount),
            itemBiases: [Float](repeating: 0, count: ratings.itemCount),
            userFactors: .randomNormal(rows: ratings.userCount, columns: k, standardDeviation: configuration.initialStandardDeviation, using: &generator),
            itemFactors: .randomNormal(rows: ratings.itemCount, columns: k, standardDeviation: configuration.initialStandardDeviation, using: &generator))
        let schedule = SGDSchedule(ratings, threads: configuration.threads ?? ProcessInfoCores.count, seed: configuration.seed)
        let eta = configuration.learningRate
        let lambda = configuration.regularization
        let mu = model.mean
        for epoch in 0..<configuration.epochs {
            let squaredError = model.userBiases.withUnsafeMutableBufferPointer { bu in
                model.itemBiases.withUnsafeMutableBufferPointer { bi in
                    model.userFactors.storage.withUnsafeMutableBufferPointer { p in
                        model.itemFactors.storage.withUnsafeMutableBufferPointer { q in
                            let bu = bu.baseAddress!, bi = bi.baseAddress!, p = p.baseAddress!, q = q.baseAddress!
                            return schedule.run { users, items, values, range in
                                var sum: Double = 0
                                // Ratings come user by user: while updating p_u the loop already
                                // takes p_u's dot product with the user's next item.
                                var nextDot: Float? = nil
                                for index in range {
                                    let u = Int(users[index]), i = Int(items[index])
                                    let pu = p + u * k, qi = q + i * k
                                    let dot = nextDot ?? Kernels.dot(pu, qi, count: k)
                                    let error = values[index] - (mu + bu[u] + bi[i] + dot)
                                    sum += Double(error * error)
                                    bu[u] += eta * (error - lambda * bu[u])
                                    bi[i] += eta * (error - lambda * bi[i])
                                    if index + 1 < range.upperBound, Int(users[index + 1]) == u {
                                        nextDot = Kernels.sgdStepThenDot(pu, qi, count: k, error: error, learningRate: eta,
                                            regularization: lambda, next: q + Int(items[index + 1]) * k)
                                    } else {
                                        Kernels.sgdStep(pu, qi, count: k, error: error, learningRate: eta, regularization: lambda)
                                        nextDot = nil
                                    }
                                }
                                return sum
                            }
                        }
                    }
                }
            }
            observer?(TrainingProgress(step: epoch, totalSteps: configuration.epochs, loss: squaredError / Double(max(ratings.count, 1)), model: model))
        }
        return model
    }
}

/// The order SGD visits ratings in: fixed once by the seed, and cut into T × T blocks of
/// (user group, item group) so T threads can run on blocks that share no user or item.
struct SGDSchedule: @unchecked Sendable {
    let threads: Int
    /// Ratings in visiting order, block after block (block (a, b) at index a·T + b).
    let users: [Int32]
    let items: [Int32]
    let values: [Float]
    /// Start of each block in the arrays above, T·T + 1 entries.
    let blockStarts: [Int]

    static func validate(factors: Int, epochs: Int, learningRate: Float, regularization: Float) throws(ModelError) {
        guard factors > 0 else { throw .invalidParameter(name: "factors", value: "\(factors)", expected: "at least 1") }
        guard epochs >= 0 else { throw .invalidParameter(name: "epochs", value: "\(epochs)", expected: "≥ 0") }
        guard learningRate > 0, learningRate.isFinite else {
            throw .invalidParameter(name: "learning-rate", value: "\(learningRate)", expected: "a positive number")
        }
        guard regularization >= 0, regularization.isFinite else {
            throw .invalidParameter(name: "regularization", value: "\(regularization)", expected: "≥ 0")
        }
    }

    init(_ ratings: RatingMatrix, threads requested: Int, seed: UInt64) {
        // Small problems are not worth a thread each.
        let threads = ratings.count < 50_000 ? 1 : max(1, requested)
        self.threads = threads
        let list = ratings.ratingList
        // Users in a seeded random order, each user's ratings shuffled: random enough for SGD, and
        // a user's vector stays in cache across its ratings (Surprise visits ratings user by user).
        var order: [Int] = []
        order.reserveCapacity(list.count)
        var shuffler = SeededGenerator(seed: seed &+ 0x5EED)
        for user in Splitter.shuffledPositions(ratings.userCount, seed: seed &+ 3) {
            var positions = Array(ratings.userRange(user))
            positions.shuffle(using: &shuffler)
            order.append(contentsOf: positions)
        }
        // Groups are contiguous index ranges holding about equal numbers of ratings: contiguous so
        // two threads never write the same cache line of biases or factors, equal so neither waits.
        let userGroup = Self.groups(threads, counts: (0..<ratings.userCount).map(ratings.ratingCount(ofUser:)))
        let itemGroup = Self.groups(threads, counts: (0..<ratings.itemCount).map(ratings.ratingCount(ofItem:)))
        var counts = [Int](repeating: 0, count: threads * threads + 1)
        for p in order { counts[userGroup[Int(list.users[p])] * threads + itemGroup[Int(list.items[p])] + 1] += 1 }
        for b in 0..<(threads * threads) { counts[b + 1] += counts[b] }
        var cursor = counts
        var users = [Int32](repeating: 0, count: list.count)
        var items = [Int32](repeating: 0, count: list.count)
        var values = [Float](repeating: 0, count: list.count)
        for p in order {
            let block = userGroup[Int(list.users[p])] * threads + itemGroup[Int(list.items[p])]
            users[cursor[block]] = list.users[p]
            items[cursor[block]] = list.items[p]
            values[cursor[block]] = list.values[p]
            cursor[block] += 1
        }
        self.users = users
        self.items = items
        self.values = values
        self.blockStarts = counts
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

    /// One epoch: T sub-epochs, in sub-epoch s thread t runs block (t, (t + s) mod T). Returns the
    /// sum the body returns over all blocks, added in block order (deterministic).
    func run(_ body: (UnsafePointer<Int32>, UnsafePointer<Int32>, UnsafePointer<Float>, Range<Int>) -> Double) -> Double {
        users.withUnsafeBufferPointer { u in
            items.withUnsafeBufferPointer { i in
                values.withUnsafeBufferPointer { v in
                    let users = u.baseAddress!, items = i.baseAddress!, values = v.baseAddress!
                    if threads == 1 { return body(users, items, values, 0..<self.users.count) }
                    var sums = [Double](repeating: 0, count: threads * threads)
                    sums.withUnsafeMutableBufferPointer { sumBuffer in
                        for shift in 0..<threads {
                            Parallel.concurrent(threads) { t in
                                let block = t * threads + (t + shift) % threads
                                sumBuffer[block] = body(users, items, values, blockStarts[block]..<blockStarts[block + 1])
                            }
                        }
                    }
                    return sums.reduce(0, +)
                }
            }
        }
    }
}
