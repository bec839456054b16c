extension TimeSVDPlusPlus {
    /// The parameters of a timeSVD++ being trained, in buffers allocated once, and the SGD step on
    /// one user's ratings. Every update of a step reads the values before the step, so a step is
    /// θ ← θ − η_g ∂L/∂θ for the rating's loss
    /// ```
    /// L = ½ e² + ½ λ (b_u² + b_i² + ‖p_u‖² + ‖q_i‖² + Σ_{j∈N(u)} ‖y_j‖²)
    ///       + ½ λ_α (α_u² + ‖α_u^p‖²) + ½ λ_t (b_{u,t}² + b_{i,Bin(t)}² + (c_u − 1)² + c_{u,t}²)
    ///       + ½ λ_d ‖p_{u,t}‖²
    /// ```
    /// with η_g the learning rate of the parameter's group (`learningRate`, `driftLearningRate`,
    /// `timeLearningRate`, `dayFactorLearningRate`). The y_j are moved as in `SVDPlusPlus`: one affine map per user, exact.
    final class Trainer {
        let ratings: RatingMatrix
        let timeline: RatingTimeline
        let slots: [Int32]
        let deviations: [Float]
        let binOfRating: [Int32]
        let configuration: Configuration
        let k: Int
        let mu: Float
        /// Every parameter group: its name (as archived), values and learning rate.
        private(set) var groups: [(name: String, values: UnsafeMutableBufferPointer<Float>, rate: Float)] = []
        let bu, alpha, scale, bi, binBias, p, alphaP, q, y, dayBias, dayScale,
            dayFactors: UnsafeMutableBufferPointer<Float>
        private let z, v, d: UnsafeMutableBufferPointer<Float>

        init(_ ratings: RatingMatrix, configuration: Configuration) throws(ModelError) {
            let (timeline, slots) = try RatingTimeline.of(
                ratings, bins: configuration.bins, exponent: configuration.driftExponent,
                model: TimeSVDPlusPlus.descriptor.name)
            self.ratings = ratings
            self.timeline = timeline
            self.slots = slots
            self.configuration = configuration
            k = configuration.factors
            mu = Float(ratings.globalMean)
            var deviations = [Float](repeating: 0, count: ratings.count)
            var bins = [Int32](repeating: 0, count: ratings.count)
            for user in 0..<ratings.userCount {
                for position in ratings.userRange(user) {
                    let day = RatingTimeline.day(of: ratings.userTimestamps[position])
                    deviations[position] = timeline.deviation(user: user, day: day)
                    bins[position] = Int32(timeline.bin(of: day))
                }
            }
            self.deviations = deviations
            binOfRating = bins
            var generator = SeededGenerator(seed: configuration.seed)
            let k = configuration.factors
            let sigma = configuration.initialStandardDeviation
            let users = ratings.userCount, items = ratings.itemCount, days = timeline.slotCount
            func buffer(_ count: Int, _ value: Float = 0) -> UnsafeMutableBufferPointer<Float> {
                let buffer = UnsafeMutableBufferPointer<Float>.allocate(capacity: count)
                buffer.initialize(repeating: value)
                return buffer
            }
            func random(_ rows: Int) -> UnsafeMutableBufferPointer<Float> {
                let matrix = DenseMatrix.randomNormal(
                    rows: rows, columns: k, standardDeviation: sigma, using: &generator)
                let values = buffer(rows * k)
                _ = values.initialize(from: matrix.storage)
                return values
            }
            // The same start as SVDPlusPlus with the same seed, then the time terms at zero (c_u at one).
            p = random(users)
            q = random(items)
            y = random(items)
            bu = buffer(users)
            bi = buffer(items)
            alpha = buffer(users)
            alphaP = buffer(users * k)
            scale = buffer(users, 1)
            binBias = buffer(items * configuration.bins)
            dayBias = buffer(days)
            dayScale = buffer(days)
            dayFactors = buffer(days * k)
            z = buffer(k)
            v = buffer(k)
            d = buffer(k)
            let eta = configuration.learningRate, drift = configuration.driftLearningRate
            let time = configuration.timeLearningRate
            groups = [
                ("user-biases", bu, eta), ("item-biases", bi, eta), ("user-factors", p, eta), ("item-factors", q, eta),
                ("implicit-factors", y, eta), ("user-drifts", alpha, drift), ("user-factor-drifts", alphaP, drift),
                ("user-scales", scale, time), ("item-bin-biases", binBias, time), ("day-biases", dayBias, time),
                ("day-scales", dayScale, time), ("day-factors", dayFactors, configuration.dayFactorLearningRate),
            ]
        }

        deinit {
            for group in groups { group.values.deallocate() }
            for scratch in [z, v, d] { scratch.deallocate() }
        }

        /// One epoch over the users in `order`; returns the sum of squared training errors.
        func epoch(order: [Int]) -> Double {
            var squaredError = 0.0
            for user in order { squaredError += train(user: user, positions: ratings.userRange(user)) }
            return squaredError
        }

        /// One SGD step per rating at `positions` (all of `user`'s), then the user's y_j moved.
        @discardableResult
        func train(user: Int, positions: Range<Int>) -> Double {
            let range = ratings.userRange(user)
            guard !positions.isEmpty else { return 0 }
            let k = k, mu = mu, bins = configuration.bins
            let eta = configuration.learningRate, lambda = configuration.regularization
            let etaDrift = configuration.driftLearningRate, lambdaDrift = configuration.driftRegularization
            let etaTime = configuration.timeLearningRate, lambdaTime = configuration.timeRegularization
            let etaDay = configuration.dayFactorLearningRate, lambdaDay = configuration.dayFactorRegularization
            let z = z.baseAddress!, v = v.baseAddress!, d = d.baseAddress!
            let yBase = y.baseAddress!
            let rated = ratings.userItems[range]
            SVDPlusPlus.implicitSum(rated, implicit: yBase, k: k, into: z)
            let step = eta / Float(range.count).squareRoot()
            let decay = 1 - eta * lambda
            var a: Float = 1
            for c in 0..<k { d[c] = 0 }
            let pu = p.baseAddress! + user * k, au = alphaP.baseAddress! + user * k
            var squaredError = 0.0
            for position in positions {
                let item = Int(ratings.userItems[position])
                let slot = Int(slots[position])
                let dev = deviations[position]
                let binIndex = item * bins + Int(binOfRating[position])
                let qi = q.baseAddress! + item * k, ps = dayFactors.baseAddress! + slot * k
                for c in 0..<k { v[c] = pu[c] + dev * au[c] + ps[c] + z[c] }
                let itemBias = bi[item] + binBias[binIndex]
                let userScale = scale[user] + dayScale[slot]
                let error =
                    ratings.userRatings[position]
                    - (mu + bu[user] + alpha[user] * dev + dayBias[slot] + itemBias * userScale
                        + Kernels.dot(v, qi, count: k))
                squaredError += Double(error * error)
                bu[user] += eta * (error - lambda * bu[user])
                alpha[user] += etaDrift * (error * dev - lambdaDrift * alpha[user])
                dayBias[slot] += etaTime * (error - lambdaTime * dayBias[slot])
                bi[item] += eta * (error * userScale - lambda * bi[item])
                binBias[binIndex] += etaTime * (error * userScale - lambdaTime * binBias[binIndex])
                scale[user] += etaTime * (error * itemBias - lambdaTime * (scale[user] - 1))
                dayScale[slot] += etaTime * (error * itemBias - lambdaTime * dayScale[slot])
                Kernels.scaleAndAdd(decay, d, step * error, qi, count: k)
                Kernels.scaleAndAdd(decay, z, eta * error, qi, count: k)
                a *= decay
                for c in 0..<k {
                    let qOld = qi[c]
                    qi[c] += eta * (error * v[c] - lambda * qOld)
                    pu[c] += eta * (error * qOld - lambda * pu[c])
                    au[c] += etaDrift * (error * dev * qOld - lambdaDrift * au[c])
                    ps[c] += etaDay * (error * qOld - lambdaDay * ps[c])
                }
            }
            for j in rated { Kernels.scaleAndAdd(a, yBase + Int(j) * k, 1, d, count: k) }
            return squaredError
        }

        /// L of the rating at `position` of `user` (see the type), from the current parameters.
        func loss(user: Int, position: Int) -> Double {
            let item = Int(ratings.userItems[position])
            let slot = Int(slots[position])
            let dev = Double(deviations[position])
            let binIndex = item * configuration.bins + Int(binOfRating[position])
            let rated = ratings.userItems[ratings.userRange(user)].map(Int.init)
            let root = Double(rated.count).squareRoot()
            var dot = 0.0, factors = 0.0, drifts = 0.0, days = 0.0
            for c in 0..<k {
                var implicit = 0.0
                for j in rated { implicit += Double(y[j * k + c]) / root }
                let pu = Double(p[user * k + c]), au = Double(alphaP[user * k + c])
                let ps = Double(dayFactors[slot * k + c]), qi = Double(q[item * k + c])
                dot += qi * (pu + dev * au + ps + implicit)
                factors += pu * pu + qi * qi
                drifts += au * au
                days += ps * ps
            }
            for j in rated { for c in 0..<k { factors += Double(y[j * k + c] * y[j * k + c]) } }
            let itemBias = Double(bi[item] + binBias[binIndex])
            let userScale = Double(scale[user] + dayScale[slot])
            let prediction =
                Double(mu) + Double(bu[user]) + Double(alpha[user]) * dev + Double(dayBias[slot]) + itemBias * userScale
                + dot
            let error = Double(ratings.userRatings[position]) - prediction
            func square(_ x: Float) -> Double { Double(x) * Double(x) }
            let lambda = Double(configuration.regularization), lambdaDrift = Double(configuration.driftRegularization)
            let lambdaTime = Double(configuration.timeRegularization)
            let lambdaDay = Double(configuration.dayFactorRegularization)
            return 0.5 * error * error
                + 0.5 * lambda * (square(bu[user]) + square(bi[item]) + factors)
                + 0.5 * lambdaDrift * (square(alpha[user]) + drifts)
                + 0.5 * lambdaTime
                * (square(dayBias[slot]) + square(binBias[binIndex]) + square(scale[user] - 1)
                    + square(dayScale[slot])) + 0.5 * lambdaDay * days
        }

        /// A `rows × k` matrix of the group's values.
        func matrix(_ buffer: UnsafeMutableBufferPointer<Float>, rows: Int) -> DenseMatrix {
            DenseMatrix(rows: rows, columns: k, storage: Array(buffer))
        }
    }
}
