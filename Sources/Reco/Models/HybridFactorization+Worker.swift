import RealModule

/// What one training thread works with: the data and the parameters as pointers, and its SGD steps.
extension HybridFactorization {
    /// One side's parameters as pointers into a `Parameters`.
    struct SideParameters {
        let embeddings: UnsafeMutablePointer<Float>
        let biases: UnsafeMutablePointer<Float>
        /// Adagrad's sums (ranking losses), else nil.
        let embeddingSquares: UnsafeMutablePointer<Float>?
        let biasSquares: UnsafeMutablePointer<Float>?
    }

    /// One side's members as pointers: each member's rows (its own, then its features') and weights.
    struct Members {
        /// Members trained; rows from here on are features.
        let count: Int
        let offsets: UnsafePointer<Int>
        let rows: UnsafePointer<Int32>
        let weights: UnsafePointer<Float>

        /// All of the member's slots.
        func slots(of member: Int) -> Range<Int> { offsets[member]..<offsets[member + 1] }
    }

    /// The ratings as pointers, in CSR order: each rating's user, item and value, and each user's
    /// first rating.
    struct RatingRows {
        let count: Int
        let itemCount: Int
        let users: UnsafePointer<Int32>
        let items: UnsafePointer<Int32>
        let values: UnsafePointer<Float>
        let userOffsets: UnsafePointer<Int>

        /// Whether the user rated the item (binary search of the user's sorted items).
        func rated(user: Int, item: Int) -> Bool {
            var low = userOffsets[user]
            let end = userOffsets[user + 1]
            var high = end
            let target = Int32(item)
            while low < high {
                let middle = (low + high) / 2
                if items[middle] < target { low = middle + 1 } else { high = middle }
            }
            return low < end && items[low] == target
        }
    }

    /// The data every step reads, copied once into buffers the steps borrow as pointers: the
    /// ratings and both sides' members.
    final class Layout {
        let ratings: RatingRows
        let users: Members
        let items: Members
        private let allocations: [UnsafeMutableRawPointer]

        init(ratings: RatingMatrix, users: Side, items: Side) {
            var owners = [Int32](repeating: 0, count: ratings.count)
            for user in 0..<ratings.userCount { for p in ratings.userRange(user) { owners[p] = Int32(user) } }
            var allocations: [UnsafeMutableRawPointer] = []
            func borrow<T>(_ array: [T]) -> UnsafePointer<T> {
                let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: max(array.count, 1))
                _ = buffer.initialize(from: array)
                allocations.append(UnsafeMutableRawPointer(buffer.baseAddress!))
                return UnsafePointer(buffer.baseAddress!)
            }
            self.ratings = RatingRows(
                count: ratings.count, itemCount: ratings.itemCount, users: borrow(owners),
                items: borrow(ratings.userItems),
                values: borrow(ratings.userRatings), userOffsets: borrow(ratings.userOffsets))
            self.users = Members(
                count: users.count, offsets: borrow(users.rowOffsets), rows: borrow(users.rows),
                weights: borrow(users.weights))
            self.items = Members(
                count: items.count, offsets: borrow(items.rowOffsets), rows: borrow(items.rows),
                weights: borrow(items.weights))
            self.allocations = allocations
        }

        deinit { for allocation in allocations { allocation.deallocate() } }
    }

    /// One thread's SGD over its share of the ratings: pointers to the data and to the parameters it
    /// trains, its random numbers and scratch vectors. Nothing in it is reference counted.
    struct Worker {
        let users: Members
        let items: Members
        let userParameters: SideParameters
        let itemParameters: SideParameters
        let ratings: RatingRows
        var generator: SeededGenerator
        let loss: Loss
        let k: Int
        let mean: Float
        let learningRate: Float
        let regularization: Float
        let featureRegularization: Float
        let identityDropout: Float
        let identities: Bool
        let maximumSamples: Int
        /// U(u), V(i), V(j) and V(i) − V(j).
        let u: UnsafeMutablePointer<Float>
        let v: UnsafeMutablePointer<Float>
        let w: UnsafeMutablePointer<Float>
        let difference: UnsafeMutablePointer<Float>

        /// Steps through the ratings at the CSR `positions` (those of users ≡ `thread` mod `threads`)
        /// on `parameters`; returns the summed loss.
        static func train(
            _ positions: UnsafeBufferPointer<Int32>, layout: Layout, parameters: Parameters,
            configuration: Configuration,
            mean: Float, seed: UInt64, thread: Int = 0, of threads: Int = 1
        ) -> Double {
            let k = configuration.factors
            return withUnsafeTemporaryAllocation(of: Float.self, capacity: 4 * max(k, 1)) { scratch in
                let base = scratch.baseAddress!
                var worker = Worker(
                    users: layout.users, items: layout.items, userParameters: parameters.side(users: true),
                    itemParameters: parameters.side(users: false), ratings: layout.ratings,
                    generator: SeededGenerator(seed: seed), loss: configuration.loss, k: k, mean: mean,
                    learningRate: configuration.learningRate, regularization: configuration.regularization,
                    featureRegularization: configuration.featureRegularization,
                    identityDropout: configuration.identityDropout, identities: configuration.identities,
                    maximumSamples: configuration.maximumSamples, u: base, v: base + k, w: base + 2 * k,
                    difference: base + 3 * k)
                var total = 0.0
                let users = layout.ratings.users
                for position in positions {
                    let p = Int(position)
                    guard threads == 1 || Int(users[p]) % threads == thread else { continue }
                    total += worker.step(position: p)
                }
                return withExtendedLifetime(layout) { total }
            }
        }

        /// The step of the rating at CSR `position`; returns its loss.
        mutating func step(position: Int) -> Double {
            let user = Int(ratings.users[position])
            let item = Int(ratings.items[position])
            switch loss {
            case .squared:
                return squaredStep(user: user, item: item, rating: ratings.values[position])
            case .bpr:
                guard let negative = negative(for: user) else { return 0 }
                return rankingStep(
                    userSlots: slots(users, user), positiveSlots: slots(items, item),
                    negativeSlots: slots(items, negative), weight: nil)
            case .warp:
                return warpStep(user: user, positive: item)
            }
        }

        /// The member's slots for this step: all of them, or without its own row when identity
        /// dropout draws it and it has features (so its features learn to stand for it, as they
        /// must for a new one).
        mutating func slots(_ side: Members, _ member: Int) -> Range<Int> {
            let all = side.slots(of: member)
            guard identityDropout > 0, identities, all.count > 1, Float(generator.nextUnit()) < identityDropout else {
                return all
            }
            return (all.lowerBound + 1)..<all.upperBound
        }

        /// A uniformly drawn item the user did not rate (nil after 20 draws that all hit rated items).
        mutating func negative(for user: Int) -> Int? {
            let n = UInt64(ratings.itemCount)
            for _ in 0..<20 {
                let item = Int(generator.next() % n)
                if !ratings.rated(user: user, item: item) { return item }
            }
            return nil
        }

        /// out = Σ w · embedding over `slots`; returns Σ w · bias.
        func combine(
            _ side: Members, _ slots: Range<Int>, _ parameters: SideParameters, into out: UnsafeMutablePointer<Float>
        ) -> Float {
            out.update(repeating: 0, count: k)
            var bias: Float = 0
            for slot in slots {
                let row = Int(side.rows[slot])
                let weight = side.weights[slot]
                Kernels.addScaled(weight, parameters.embeddings + row * k, to: out, count: k)
                bias += weight * parameters.biases[row]
            }
            return bias
        }

        /// Moves every row in `slots` along `direction` (scaled by the row's weight and `signal`)
        /// and its bias along `biasSignal`, each shrunk by its λ: plain SGD, or Adagrad.
        func update(
            _ side: Members, _ slots: Range<Int>, _ parameters: SideParameters, direction: UnsafePointer<Float>,
            signal: Float, biasSignal: Float
        ) {
            let eta = learningRate
            let biases = parameters.biases
            for slot in slots {
                let row = Int(side.rows[slot])
                let weight = side.weights[slot]
                let lambda = row < side.count ? regularization : featureRegularization
                let vector = parameters.embeddings + row * k
                let scale = signal * weight
                if let squares = parameters.embeddingSquares, let biasSquares = parameters.biasSquares {
                    Self.adagrad(
                        vector, squares + row * k, direction: direction, scale: scale, lambda: lambda, eta: eta,
                        count: k)
                    let gradient = biasSignal * weight - lambda * biases[row]
                    biasSquares[row] += gradient * gradient
                    biases[row] += eta * gradient / biasSquares[row].squareRoot()
                } else {
                    // x += η (scale · d − λ x)
                    Kernels.scaleAndAdd(1 - eta * lambda, vector, eta * scale, direction, count: k)
                    biases[row] += eta * (biasSignal * weight - lambda * biases[row])
                }
            }
        }

        /// x += η g / √G with g = scale · d − λ x and G += g², eight lanes at a time.
        static func adagrad(
            _ x: UnsafeMutablePointer<Float>, _ sums: UnsafeMutablePointer<Float>, direction d: UnsafePointer<Float>,
            scale: Float, lambda: Float, eta: Float, count: Int
        ) {
            var index = 0
            while index + 8 <= count {
                let xv = UnsafeRawPointer(x + index).loadUnaligned(as: SIMD8<Float>.self)
                let dv = UnsafeRawPointer(d + index).loadUnaligned(as: SIMD8<Float>.self)
                let g = scale * dv - lambda * xv
                let s = UnsafeRawPointer(sums + index).loadUnaligned(as: SIMD8<Float>.self) + g * g
                UnsafeMutableRawPointer(sums + index).storeBytes(of: s, as: SIMD8<Float>.self)
                UnsafeMutableRawPointer(x + index).storeBytes(of: xv + eta * g / s.squareRoot(), as: SIMD8<Float>.self)
                index += 8
            }
            while index < count {
                let g = scale * d[index] - lambda * x[index]
                sums[index] += g * g
                x[index] += eta * g / sums[index].squareRoot()
                index += 1
            }
        }

        /// One squared-error step; returns the squared error before it.
        mutating func squaredStep(user: Int, item: Int, rating: Float) -> Double {
            let userSlots = slots(users, user)
            let itemSlots = slots(items, item)
            let a = combine(users, userSlots, userParameters, into: u)
            let b = combine(items, itemSlots, itemParameters, into: v)
            let error = rating - (mean + a + b + Kernels.dot(u, v, count: k))
            update(users, userSlots, userParameters, direction: v, signal: error, biasSignal: error)
            update(items, itemSlots, itemParameters, direction: u, signal: error, biasSignal: error)
            return Double(error * error)
        }

        /// One pairwise step pushing the positive above the negative, with BPR's weight σ(−x) or
        /// WARP's rank weight; returns the step's loss.
        mutating func rankingStep(
            userSlots: Range<Int>, positiveSlots: Range<Int>, negativeSlots: Range<Int>, weight: Float?
        ) -> Double {
            _ = combine(users, userSlots, userParameters, into: u)
            let bPositive = combine(items, positiveSlots, itemParameters, into: v)
            let bNegative = combine(items, negativeSlots, itemParameters, into: w)
            let x = bPositive - bNegative + Kernels.dot(u, v, count: k) - Kernels.dot(u, w, count: k)
            let signal: Float
            let loss: Double
            if let weight {
                signal = weight
                loss = Double(weight * max(0, 1 - x))
            } else {
                signal = 1 / (1 + Float.exp(x))
                loss = Double(x > 20 ? 0 : Float.log(onePlus: Float.exp(-x)))
            }
            for c in 0..<k { difference[c] = v[c] - w[c] }
            update(users, userSlots, userParameters, direction: difference, signal: signal, biasSignal: 0)
            update(items, positiveSlots, itemParameters, direction: u, signal: signal, biasSignal: signal)
            update(items, negativeSlots, itemParameters, direction: u, signal: -signal, biasSignal: -signal)
            return loss
        }

        /// WARP: draw negatives until one scores within the margin of the positive, then step with
        /// weight ln⌊(items − 1) / draws⌋.
        mutating func warpStep(user: Int, positive: Int) -> Double {
            let n = ratings.itemCount
            guard n > 1 else { return 0 }
            let userSlots = slots(users, user)
            let positiveSlots = slots(items, positive)
            _ = combine(users, userSlots, userParameters, into: u)
            let positiveScore = combine(items, positiveSlots, itemParameters, into: v) + Kernels.dot(u, v, count: k)
            for draw in 1...max(1, maximumSamples) {
                let negative = Int(generator.next() % UInt64(n))
                guard !ratings.rated(user: user, item: negative) else { continue }
                let negativeSlots = slots(items, negative)
                let negativeScore = combine(items, negativeSlots, itemParameters, into: w) + Kernels.dot(u, w, count: k)
                guard negativeScore > positiveScore - 1 else { continue }
                let weight = Float.log(Float(max(1, (n - 1) / draw)))
                guard weight > 0 else { return 0 }
                return rankingStep(
                    userSlots: userSlots, positiveSlots: positiveSlots, negativeSlots: negativeSlots, weight: weight)
            }
            return 0
        }
    }
}
