/// Bayesian Personalized Ranking (Rendle, Freudenthaler, Gantner & Schmidt-Thieme 2009): matrix
/// factorization trained to rank each user's items above the others, by SGD on sampled triples.
///
/// For a user u, an item i they interacted with and an item j drawn uniformly among all items
/// (resampled while u interacted with it), with x_uij = p_u · (q_i − q_j) + b_i − b_j:
/// ```
/// maximise Σ ln σ(x_uij) − λ (‖p_u‖² + ‖q_i‖² + ‖q_j‖² + b_i² + b_j²)
/// ```
/// Each epoch draws as many triples as there are interactions, from a seeded generator.
///
/// - Complexity: O(epochs · interactions · factors) to fit; O(factors) per score.
public struct BPR: RatingModel {
    /// Hyperparameters (those of `implicit`'s BPR).
    public struct Configuration: Sendable, Equatable {
        public var factors: Int
        public var epochs: Int
        public var learningRate: Float
        public var regularization: Float
        public var seed: UInt64

        /// Creates a configuration.
        public init(factors: Int = 100, epochs: Int = 100, learningRate: Float = 0.01, regularization: Float = 0.01, seed: UInt64 = 42) {
            self.factors = factors
            self.epochs = epochs
            self.learningRate = learningRate
            self.regularization = regularization
            self.seed = seed
        }
    }

    /// p_u, users × k.
    public var userFactors: DenseMatrix
    /// q_i, items × k.
    public var itemFactors: DenseMatrix
    /// b_i.
    public var itemBiases: [Float]

    public var userCount: Int { userFactors.rows }
    public var itemCount: Int { itemFactors.rows }
    public var userVectors: DenseMatrix? { userFactors }
    public var itemVectors: DenseMatrix? { itemFactors }

    public func predict(user: Int, item: Int) -> Float {
        itemBiases[item] + userFactors.dot(row: user, itemFactors, row: item)
    }

    public func scoreItems(forUser user: Int, into scores: UnsafeMutableBufferPointer<Float>) {
        userFactors.scoreRows(of: itemFactors, against: user, base: 0, biases: itemBiases, into: scores)
    }

    /// Trains on the interactions in `ratings`; the observer gets each epoch's mean −ln σ(x_uij).
    public static func fit(_ ratings: RatingMatrix, configuration: Configuration = Configuration(), observer: TrainingObserver? = nil) throws(ModelError) -> BPR {
        try SGDSchedule.validate(factors: configuration.factors, epochs: configuration.epochs,
            learningRate: configuration.learningRate, regularization: configuration.regularization)
        var generator = SeededGenerator(seed: configuration.seed)
        let k = configuration.factors
        let scale = 1 / Float(k).squareRoot()
        var model = BPR(
            userFactors: .randomNormal(rows: ratings.userCount, columns: k, standardDeviation: 0.1 * scale, using: &generator),
            itemFactors: .randomNormal(rows: ratings.itemCount, columns: k, standardDeviation: 0.1 * scale, using: &generator),
            itemBiases: [Float](repeating: 0, count: ratings.itemCount))
        let users = ratings.ratingList.users
        let n = ratings.count
        guard n > 0, ratings.itemCount > 1 else { return model }
        let eta = configuration.learningRate
        let lambda = configuration.regularization
        var difference = [Float](repeating: 0, count: k)
        for epoch in 0..<configuration.epochs {
            var total = 0.0
            model.userFactors.storage.withUnsafeMutableBufferPointer { pBuffer in
                model.itemFactors.storage.withUnsafeMutableBufferPointer { qBuffer in
                    difference.withUnsafeMutableBufferPointer { dBuffer in
                        let p = pBuffer.baseAddress!, q = qBuffer.baseAddress!, d = dBuffer.baseAddress!
                        for _ in 0..<n {
                            let position = Int(generator.next() % UInt64(n))
                            let user = Int(users[position])
                            let positive = Int(ratings.userItems[position])
                            var negative = Int(generator.next() % UInt64(ratings.itemCount))
                            var tries = 0
                            while ratings.rating(user: user, item: negative) != nil && tries < 20 {
                                negative = Int(generator.next() % UInt64(ratings.itemCount))
                                tries += 1
                            }
                            guard ratings.rating(user: user, item: negative) == nil else { continue }
                            let pu = p + user * k, qi = q + positive * k, qj = q + negative * k
                            for c in 0..<k { d[c] = qi[c] - qj[c] }
                            let x = Kernels.dot(pu, d, count: k) + model.itemBiases[positive] - model.itemBiases[negative]
                            let sigmoid = 1 / (1 + _expf(x))  // σ(−x): the gradient weight
                            total += Double(_log1pexp(-x))
                            // ∂/∂p_u = σ(−x)(q_i − q_j); ∂/∂q_i = σ(−x) p_u; ∂/∂q_j = −σ(−x) p_u.
                            for c in 0..<k {
                                let pc = pu[c]
                                pu[c] += eta * (sigmoid * d[c] - lambda * pc)
                                qi[c] += eta * (sigmoid * pc - lambda * qi[c])
                                qj[c] += eta * (-sigmoid * pc - lambda * qj[c])
                            }
                            model.itemBiases[positive] += eta * (sigmoid - lambda * model.itemBiases[positive])
                            model.itemBiases[negative] += eta * (-sigmoid - lambda * model.itemBiases[negative])
                        }
                    }
                }
            }
            observer?(TrainingProgress(step: epoch, totalSteps: configuration.epochs, loss: total / Double(n), model: model))
        }
        return model
    }
}
