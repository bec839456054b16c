import RealModule

extension HybridFactorization {
    /// Trains on `data`: the ratings, and the user and item features when given (either may be
    /// missing; with neither the model is biased matrix factorization). The observer gets each
    /// epoch's mean loss.
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
            count: ratings.userCount, features: configuration.userFeatures ? data.userFeatures : nil, factors: k, identities: configuration.identities,
            weighting: configuration.weighting)
        var items = Side(
            count: ratings.itemCount, features: configuration.itemFeatures ? data.itemFeatures : nil, factors: k, identities: configuration.identities,
            weighting: configuration.weighting)
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
        var trainer = Trainer(
            configuration: configuration, ratings: ratings, users: users, items: items, mean: mean)
        for epoch in 0..<configuration.epochs {
            let loss = trainer.epoch(using: &generator)
            observer?(TrainingProgress(step: epoch, totalSteps: configuration.epochs, loss: loss))
        }
        return HybridFactorization(configuration: configuration, mean: mean, users: trainer.users, items: trainer.items)
    }

    /// The SGD state: both sides, Adagrad's accumulators for the ranking losses, and scratch rows.
    struct Trainer {
        let configuration: Configuration
        let ratings: RatingMatrix
        var users: Side
        var items: Side
        let mean: Float
        /// The user of each rating, in CSR order.
        let ratingUsers: [Int32]
        /// Adagrad's running sums of squared gradients (ranking losses), parallel to the parameters.
        var userEmbeddingSquares: [Float]
        var itemEmbeddingSquares: [Float]
        var userBiasSquares: [Float]
        var itemBiasSquares: [Float]

        init(configuration: Configuration, ratings: RatingMatrix, users: Side, items: Side, mean: Float) {
            self.configuration = configuration
            self.ratings = ratings
            self.users = users
            self.items = items
            self.mean = mean
            var owners = [Int32](repeating: 0, count: ratings.count)
            for user in 0..<ratings.userCount { for p in ratings.userRange(user) { owners[p] = Int32(user) } }
            ratingUsers = owners
            let adaptive = configuration.loss != .squared
            // Accumulators start at 1, as LightFM's do: the first steps are η-sized.
            userEmbeddingSquares = adaptive ? [Float](repeating: 1, count: users.embeddings.storage.count) : []
            itemEmbeddingSquares = adaptive ? [Float](repeating: 1, count: items.embeddings.storage.count) : []
            userBiasSquares = adaptive ? [Float](repeating: 1, count: users.biases.count) : []
            itemBiasSquares = adaptive ? [Float](repeating: 1, count: items.biases.count) : []
        }

        /// One pass over the ratings in a seeded order; returns the mean loss.
        mutating func epoch(using generator: inout SeededGenerator) -> Double {
            let n = ratings.count
            guard n > 0 else { return 0 }
            var order = Array(0..<n)
            for index in stride(from: n - 1, to: 0, by: -1) {
                order.swapAt(index, Int(generator.next() % UInt64(index + 1)))
            }
            let k = configuration.factors
            var total = 0.0
            var u = [Float](repeating: 0, count: k)
            var v = [Float](repeating: 0, count: k)
            var w = [Float](repeating: 0, count: k)
            var difference = [Float](repeating: 0, count: k)
            for position in order {
                let user = Int(ratingUsers[position])
                let item = Int(ratings.userItems[position])
                switch configuration.loss {
                case .squared:
                    total += squaredStep(
                        user: user, item: item, rating: ratings.userRatings[position], using: &generator, &u, &v)
                case .bpr:
                    guard let negative = negative(for: user, using: &generator) else { continue }
                    let identities = configuration.identities
                    total += rankingStep(
                        userSlots: Self.slots(users, member: user, dropIdentity: drops(using: &generator), identities: identities),
                        positiveSlots: Self.slots(items, member: item, dropIdentity: drops(using: &generator), identities: identities),
                        negativeSlots: Self.slots(items, member: negative, dropIdentity: drops(using: &generator), identities: identities),
                        weight: nil, &u, &v, &w, &difference)
                case .warp:
                    total += warpStep(user: user, positive: item, using: &generator, &u, &v, &w, &difference)
                }
            }
            return total / Double(n)
        }

        /// A uniformly drawn item the user did not rate (nil after 20 draws that all hit rated items).
        func negative(for user: Int, using generator: inout SeededGenerator) -> Int? {
            for _ in 0..<20 {
                let item = Int(generator.next() % UInt64(ratings.itemCount))
                if ratings.rating(user: user, item: item) == nil { return item }
            }
            return nil
        }

        /// The member's slots for one step: all of them, or without its own row when `dropIdentity`
        /// and it has features (so its features learn to stand for it, as they must for a new one).
        static func slots(_ side: Side, member: Int, dropIdentity: Bool, identities: Bool) -> Range<Int> {
            let all = side.rowOffsets[member]..<side.rowOffsets[member + 1]
            guard dropIdentity, identities, all.count > 1 else { return all }
            return (all.lowerBound + 1)..<all.upperBound
        }

        /// Whether this step drops a member's own row.
        func drops(using generator: inout SeededGenerator) -> Bool {
            configuration.identityDropout > 0 && Float(generator.nextUnit()) < configuration.identityDropout
        }

        /// out = Σ w · embedding over `slots` of the side; returns Σ w · bias.
        static func combine(_ side: Side, slots: Range<Int>, into out: inout [Float]) -> Float {
            let k = side.embeddings.columns
            var bias: Float = 0
            side.embeddings.storage.withUnsafeBufferPointer { e in
                out.withUnsafeMutableBufferPointer { o in
                    for index in 0..<k { o[index] = 0 }
                    for slot in slots {
                        let row = Int(side.rows[slot])
                        let weight = side.weights[slot]
                        Kernels.addScaled(weight, e.baseAddress! + row * k, to: o.baseAddress!, count: k)
                        bias += weight * side.biases[row]
                    }
                }
            }
            return bias
        }

        static func dot(_ a: [Float], _ b: [Float]) -> Float {
            a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in Kernels.dot(a.baseAddress!, b.baseAddress!, count: a.count) } }
        }

        /// Moves every row of `member` along `direction` (scaled by the row's weight and `signal`)
        /// and its bias along `biasSignal`, each shrunk by its λ: plain SGD or Adagrad.
        static func update(
            _ side: inout Side, squares: inout [Float], biasSquares: inout [Float], slots: Range<Int>, direction: [Float],
            signal: Float, biasSignal: Float, configuration: Configuration
        ) {
            let k = side.embeddings.columns
            let eta = configuration.learningRate
            let adaptive = !squares.isEmpty
            let count = side.count
            let offsets = slots
            side.embeddings.storage.withUnsafeMutableBufferPointer { e in
                direction.withUnsafeBufferPointer { d in
                    for slot in offsets {
                        let row = Int(side.rows[slot])
                        let weight = side.weights[slot]
                        let lambda = row < count ? configuration.regularization : configuration.featureRegularization
                        let vector = e.baseAddress! + row * k
                        let scale = signal * weight
                        if adaptive {
                            squares.withUnsafeMutableBufferPointer { g in
                                let sums = g.baseAddress! + row * k
                                for c in 0..<k {
                                    let gradient = scale * d[c] - lambda * vector[c]
                                    sums[c] += gradient * gradient
                                    vector[c] += eta * gradient / sums[c].squareRoot()
                                }
                            }
                            let gradient = biasSignal * weight - lambda * side.biases[row]
                            biasSquares[row] += gradient * gradient
                            side.biases[row] += eta * gradient / biasSquares[row].squareRoot()
                        } else {
                            for c in 0..<k { vector[c] += eta * (scale * d[c] - lambda * vector[c]) }
                            side.biases[row] += eta * (biasSignal * weight - lambda * side.biases[row])
                        }
                    }
                }
            }
        }

        /// One squared-error step; returns the squared error before it.
        mutating func squaredStep(
            user: Int, item: Int, rating: Float, using generator: inout SeededGenerator, _ u: inout [Float],
            _ v: inout [Float]
        ) -> Double {
            let userSlots = Self.slots(users, member: user, dropIdentity: drops(using: &generator), identities: configuration.identities)
            let itemSlots = Self.slots(items, member: item, dropIdentity: drops(using: &generator), identities: configuration.identities)
            let a = Self.combine(users, slots: userSlots, into: &u)
            let b = Self.combine(items, slots: itemSlots, into: &v)
            let error = rating - (mean + a + b + Self.dot(u, v))
            Self.update(
                &users, squares: &userEmbeddingSquares, biasSquares: &userBiasSquares, slots: userSlots, direction: v,
                signal: error, biasSignal: error, configuration: configuration)
            Self.update(
                &items, squares: &itemEmbeddingSquares, biasSquares: &itemBiasSquares, slots: itemSlots, direction: u,
                signal: error, biasSignal: error, configuration: configuration)
            return Double(error * error)
        }

        /// One pairwise step pushing the positive above the negative, with weight 1 (BPR: σ(−x)) or
        /// WARP's rank weight; returns the step's loss.
        mutating func rankingStep(
            userSlots: Range<Int>, positiveSlots: Range<Int>, negativeSlots: Range<Int>, weight: Float?, _ u: inout [Float],
            _ v: inout [Float], _ w: inout [Float], _ difference: inout [Float]
        ) -> Double {
            _ = Self.combine(users, slots: userSlots, into: &u)
            let bPositive = Self.combine(items, slots: positiveSlots, into: &v)
            let bNegative = Self.combine(items, slots: negativeSlots, into: &w)
            let x = bPositive - bNegative + Self.dot(u, v) - Self.dot(u, w)
            let signal: Float
            let loss: Double
            if let weight {
                signal = weight
                loss = Double(weight * max(0, 1 - x))
            } else {
                signal = 1 / (1 + Float.exp(x))
                loss = Double(x > 20 ? 0 : Float.log(onePlus: Float.exp(-x)))
            }
            for c in 0..<u.count { difference[c] = v[c] - w[c] }
            Self.update(
                &users, squares: &userEmbeddingSquares, biasSquares: &userBiasSquares, slots: userSlots, direction: difference,
                signal: signal, biasSignal: 0, configuration: configuration)
            Self.update(
                &items, squares: &itemEmbeddingSquares, biasSquares: &itemBiasSquares, slots: positiveSlots, direction: u,
                signal: signal, biasSignal: signal, configuration: configuration)
            Self.update(
                &items, squares: &itemEmbeddingSquares, biasSquares: &itemBiasSquares, slots: negativeSlots, direction: u,
                signal: -signal, biasSignal: -signal, configuration: configuration)
            return loss
        }

        /// WARP: draw negatives until one scores within the margin of the positive, then step with
        /// weight ln⌊(items − 1) / draws⌋.
        mutating func warpStep(
            user: Int, positive: Int, using generator: inout SeededGenerator, _ u: inout [Float], _ v: inout [Float],
            _ w: inout [Float], _ difference: inout [Float]
        ) -> Double {
            let n = ratings.itemCount
            guard n > 1 else { return 0 }
            let identities = configuration.identities
            let userSlots = Self.slots(users, member: user, dropIdentity: drops(using: &generator), identities: identities)
            let positiveSlots = Self.slots(items, member: positive, dropIdentity: drops(using: &generator), identities: identities)
            _ = Self.combine(users, slots: userSlots, into: &u)
            let positiveScore = Self.combine(items, slots: positiveSlots, into: &v) + Self.dot(u, v)
            for draw in 1...max(1, configuration.maximumSamples) {
                let negative = Int(generator.next() % UInt64(n))
                guard ratings.rating(user: user, item: negative) == nil else { continue }
                let negativeSlots = Self.slots(items, member: negative, dropIdentity: drops(using: &generator), identities: identities)
                let negativeScore = Self.combine(items, slots: negativeSlots, into: &w) + Self.dot(u, w)
                guard negativeScore > positiveScore - 1 else { continue }
                let weight = Float.log(Float(max(1, (n - 1) / draw)))
                guard weight > 0 else { return 0 }
                return rankingStep(
                    userSlots: userSlots, positiveSlots: positiveSlots, negativeSlots: negativeSlots, weight: weight, &u, &v, &w,
                    &difference)
            }
            return 0
        }
    }
}
