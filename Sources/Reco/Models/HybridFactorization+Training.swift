extension HybridFactorization {
    /// Trains on `data`: the ratings, and the user and item features when given (either may be
    /// missing; with neither the model is biased matrix factorization). The observer gets each
    /// epoch's mean loss.
    ///
    /// With T threads each epoch runs in rounds: every thread takes the round's ratings of its users
    /// (user index mod T) and trains its own copy of the parameters from the round's start; the
    /// round ends by merging every thread's changes into the shared parameters in thread order. So
    /// the model depends only on the seed, the data and T, and with one thread it is plain SGD.
    ///
    /// - Throws: `ModelError.invalidParameter` for a value out of its domain.
    public static func fit(
        _ data: TrainingData, configuration: Configuration = Configuration(), observer: TrainingObserver? = nil
    ) throws(ModelError) -> HybridFactorization {
        try hyperparameters.validate(configuration)
        let ratings = data.ratings
        let k = configuration.factors
        var generator = SeededGenerator(seed: configuration.seed)
        var users = Side(
            count: ratings.userCount, features: configuration.userFeatures ? data.userFeatures : nil, factors: k,
            identities: configuration.identities, weighting: configuration.weighting)
        var items = Side(
            count: ratings.itemCount, features: configuration.itemFeatures ? data.itemFeatures : nil, factors: k,
            identities: configuration.identities, weighting: configuration.weighting)
        let sigma = configuration.initialStandardDeviation
        users.embeddings = .randomNormal(
            rows: users.embeddings.rows, columns: k, standardDeviation: sigma, using: &generator)
        items.embeddings = .randomNormal(
            rows: items.embeddings.rows, columns: k, standardDeviation: sigma, using: &generator)
        // A user or item with no training ratings (cold) is its features alone: no random own part.
        for user in 0..<ratings.userCount where ratings.ratingCount(ofUser: user) == 0 {
            users.embeddings.setRow(user, to: [Float](repeating: 0, count: k))
        }
        for item in 0..<ratings.itemCount where ratings.ratingCount(ofItem: item) == 0 {
            items.embeddings.setRow(item, to: [Float](repeating: 0, count: k))
        }
        let mean = configuration.loss == .squared ? Float(ratings.globalMean) : 0
        let threads = max(
            1,
            min(
                configuration.threads ?? defaultThreads(ratings: ratings.count, configuration: configuration),
                ratings.userCount))
        let adaptive = configuration.loss != .squared
        let state = Parameters(users: users, items: items, adaptive: adaptive)
        let copies =
            threads > 1 ? (0..<threads).map { _ in Parameters(users: users, items: items, adaptive: adaptive) } : []
        let layout = Layout(ratings: ratings, users: users, items: items)
        for epoch in 0..<configuration.epochs {
            let loss = Self.epoch(
                layout: layout, state: state, copies: copies, configuration: configuration, mean: mean,
                using: &generator)
            observer?(TrainingProgress(step: epoch, totalSteps: configuration.epochs, loss: loss))
        }
        state.write(to: &users, &items)
        // The ranking losses rank already; squared loss learns stars and ranks with its ranker.
        let ranker =
            configuration.loss == .squared
            ? try InterestRanker.train(
                ratings, configuration: configuration.interest, seed: configuration.seed, threads: configuration.threads
            )
            : nil
        return HybridFactorization(
            configuration: configuration, mean: mean, users: users, items: items, interestRanker: ranker)
    }

    /// Every core when an epoch is long enough for its rounds to pay (the merges and the threads'
    /// wake-ups cost more than short squared-error steps on MovieLens 100k save), else one.
    static func defaultThreads(ratings: Int, configuration: Configuration) -> Int {
        let samples = configuration.loss == .warp ? configuration.maximumSamples : configuration.loss == .bpr ? 2 : 1
        return ratings * configuration.factors * samples < 10_000_000 ? 1 : ProcessInfoCores.count
    }

    /// Rounds an epoch is cut into when several threads train.
    static let rounds = 8

    /// One pass over the ratings in a seeded order, on `state` alone or (several threads) on
    /// `copies` (equal to `state` at the start of each round) merged round by round; returns the
    /// mean loss.
    static func epoch(
        layout: Layout, state: Parameters, copies: [Parameters], configuration: Configuration, mean: Float,
        using generator: inout SeededGenerator
    ) -> Double {
        let n = layout.ratings.count
        guard n > 0 else { return 0 }
        var order = [Int32](unsafeUninitializedCapacity: n) { buffer, count in
            for index in 0..<n { buffer[index] = Int32(index) }
            count = n
        }
        for index in stride(from: n - 1, to: 0, by: -1) {
            order.swapAt(index, Int(generator.next() % UInt64(index + 1)))
        }
        let epochSeed = generator.next()
        let threads = max(1, copies.count)
        return order.withUnsafeBufferPointer { order in
            guard threads > 1 else {
                return Worker.train(
                    order, layout: layout, parameters: state, configuration: configuration, mean: mean, seed: epochSeed
                ) / Double(n)
            }
            var total = 0.0
            var losses = [Double](repeating: 0, count: threads)
            for round in 0..<rounds {
                let slice = UnsafeBufferPointer(rebasing: order[(n * round / rounds)..<(n * (round + 1) / rounds)])
                losses.withUnsafeMutableBufferPointer { losses in
                    Parallel.concurrent(threads) { thread in
                        var seeds = SeededGenerator(seed: epochSeed ^ UInt64(round &* 7919 &+ thread &* 104_729))
                        losses[thread] = Worker.train(
                            slice, layout: layout, parameters: copies[thread], configuration: configuration, mean: mean,
                            seed: seeds.next(), thread: thread, of: threads)
                    }
                }
                state.merge(copies, threads: threads)
                total += losses.reduce(0, +)
            }
            return total / Double(n)
        }
    }

    /// The learned numbers in buffers of their own (so a thread can train a copy): embeddings and
    /// biases of both sides, and Adagrad's sums of squared gradients for the ranking losses.
    final class Parameters {
        /// The buffers, in one order: user embeddings, item embeddings, user biases, item biases, then
        /// (ranking losses) the same four sums of squares.
        let buffers: [UnsafeMutableBufferPointer<Float>]
        /// Where each buffer's feature rows begin (rows every thread may move).
        let featureStarts: [Int]

        init(users: Side, items: Side, adaptive: Bool) {
            let starts = [
                users.count * users.embeddings.columns, items.count * items.embeddings.columns, users.count,
                items.count,
            ]
            featureStarts = adaptive ? starts + starts : starts
            let values = [users.embeddings.storage, items.embeddings.storage, users.biases, items.biases]
            // Adagrad's sums start at 1, as LightFM's do: the first steps are η-sized.
            let squares = adaptive ? values.map { [Float](repeating: 1, count: $0.count) } : []
            buffers = (values + squares).map { array in
                let buffer = UnsafeMutableBufferPointer<Float>.allocate(capacity: max(array.count, 1))
                _ = buffer.initialize(from: array)
                return buffer
            }
        }

        deinit { for buffer in buffers { buffer.deallocate() } }

        /// One side's pointers.
        func side(users: Bool) -> SideParameters {
            let index = users ? 0 : 1
            let adaptive = buffers.count == 8
            return SideParameters(
                embeddings: buffers[index].baseAddress!, biases: buffers[index + 2].baseAddress!,
                embeddingSquares: adaptive ? buffers[index + 4].baseAddress! : nil,
                biasSquares: adaptive ? buffers[index + 6].baseAddress! : nil)
        }

        /// Adds every thread's changes of a round to self — summed for the members' own rows (a
        /// user's move in one copy only, an item's in few), averaged for the feature rows (every
        /// thread moved them the same way from the same start; the sum would step T times too
        /// far) — and sets the copies back equal to self for the next round. Split over `threads`:
        /// each position's arithmetic is the same for any split.
        func merge(_ copies: [Parameters], threads: Int) {
            Parallel.concurrent(threads) { part in
                for (index, target) in buffers.enumerated() {
                    let range = (target.count * part / threads)..<(target.count * (part + 1) / threads)
                    let sources = copies.map { $0.buffers[index].baseAddress! }
                    let split = min(max(featureStarts[index], range.lowerBound), range.upperBound)
                    Self.merge(into: target.baseAddress!, sources, range: range.lowerBound..<split, scale: 1)
                    Self.merge(
                        into: target.baseAddress!, sources, range: split..<range.upperBound,
                        scale: 1 / Float(sources.count))
                }
            }
        }

        /// target[p] += scale · Σ (source[p] − target[p]), then every source[p] = target[p], over `range`.
        static func merge(
            into target: UnsafeMutablePointer<Float>, _ sources: [UnsafeMutablePointer<Float>], range: Range<Int>,
            scale: Float
        ) {
            var position = range.lowerBound
            while position + 8 <= range.upperBound {
                let start = UnsafeRawPointer(target + position).loadUnaligned(as: SIMD8<Float>.self)
                var change = SIMD8<Float>()
                for source in sources {
                    change += UnsafeRawPointer(source + position).loadUnaligned(as: SIMD8<Float>.self) - start
                }
                let value = start + scale * change
                UnsafeMutableRawPointer(target + position).storeBytes(of: value, as: SIMD8<Float>.self)
                for source in sources {
                    UnsafeMutableRawPointer(source + position).storeBytes(of: value, as: SIMD8<Float>.self)
                }
                position += 8
            }
            while position < range.upperBound {
                let start = target[position]
                var change: Float = 0
                for source in sources { change += source[position] - start }
                let value = start + scale * change
                target[position] = value
                for source in sources { source[position] = value }
                position += 1
            }
        }

        /// The embeddings and biases back into the sides.
        func write(to users: inout Side, _ items: inout Side) {
            users.embeddings = DenseMatrix(
                rows: users.embeddings.rows, columns: users.embeddings.columns, storage: Array(buffers[0]))
            items.embeddings = DenseMatrix(
                rows: items.embeddings.rows, columns: items.embeddings.columns, storage: Array(buffers[1]))
            users.biases = Array(buffers[2])
            items.biases = Array(buffers[3])
        }
    }
}
