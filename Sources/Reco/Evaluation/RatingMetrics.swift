/// Accuracy of predicted ratings on held-out data.
///
/// ```
/// RMSE = √( 1/|T| Σ_{(u,i) ∈ T} (r̂_ui − r_ui)² )
/// MAE  =    1/|T| Σ_{(u,i) ∈ T} |r̂_ui − r_ui|
/// ```
///
/// Predictions are clipped to the training rating scale, as Surprise does. A test rating whose user
/// or item has no training rating is predicted by the model itself when it scores that side from
/// features (``RatingModel/coldStart``), and otherwise by the fallback: the model's
/// ``RatingModel/baselinePrediction(user:item:)`` (μ plus the known side's bias, as Surprise's
/// models answer) or, for a model without biases, the training mean; `fallbackCount` says how many.
/// `slices` gives the same figures for the warm, cold-item, cold-user and both-cold parts. When the
/// test ratings have timestamps, each is predicted at its time (``RatingModel/predict(user:item:at:)``,
/// which only time-aware models read).
public struct RatingMetrics: Equatable, Sendable {
    /// Root mean squared error.
    public var rmse: Double
    /// Mean absolute error.
    public var mae: Double
    /// Number of test ratings scored.
    public var count: Int
    /// Test ratings predicted by the fallback (a cold user or item the model cannot score).
    public var fallbackCount: Int
    /// The figures of each part of the test set that has ratings.
    public var slices: [ColdStartSlice: RatingMetrics]

    /// Figures from sums.
    init(squared: Double, absolute: Double, count: Int, fallbacks: Int, slices: [ColdStartSlice: RatingMetrics] = [:]) {
        let n = Double(max(count, 1))
        rmse = (squared / n).squareRoot()
        mae = absolute / n
        self.count = count
        fallbackCount = fallbacks
        self.slices = slices
    }

    /// Scores `model` on `test`, trained on `train` (for the scale, the mean and the cold check).
    ///
    /// - Complexity: O(test ratings · cost of one prediction).
    public static func evaluate(_ model: some RatingModel, train: RatingMatrix, test: RatingMatrix) -> RatingMetrics {
        let scale = train.ratingScale ?? (-Float.infinity...Float.infinity)
        let mean = Float(train.globalMean)
        let support = model.coldStart
        var sums: [ColdStartSlice: (squared: Double, absolute: Double, count: Int, fallbacks: Int)] = [:]
        // The whole set's sums run in test order, apart from the slices'.
        var squared = 0.0
        var absolute = 0.0
        var fallbacks = 0
        for user in 0..<test.userCount {
            let userIsCold = user >= train.userCount || train.ratingCount(ofUser: user) == 0
            for position in test.userRange(user) {
                let item = Int(test.userItems[position])
                let itemIsCold = item >= train.itemCount || train.ratingCount(ofItem: item) == 0
                let answers = (!userIsCold || support.contains(.users)) && (!itemIsCold || support.contains(.items))
                let estimate: Float?
                if answers {
                    estimate =
                        test.hasTimestamps
                        ? model.predict(user: user, item: item, at: test.userTimestamps[position])
                        : model.predict(user: user, item: item)
                } else {
                    estimate = model.baselinePrediction(user: userIsCold ? nil : user, item: itemIsCold ? nil : item)
                }
                let prediction =
                    estimate.map { $0.isNaN ? mean : min(max($0, scale.lowerBound), scale.upperBound) } ?? mean
                let error = Double(prediction - test.userRatings[position])
                let slice = ColdStartSlice.of(userIsCold: userIsCold, itemIsCold: itemIsCold)
                sums[slice, default: (0, 0, 0, 0)].squared += error * error
                sums[slice, default: (0, 0, 0, 0)].absolute += abs(error)
                sums[slice, default: (0, 0, 0, 0)].count += 1
                if !answers { sums[slice, default: (0, 0, 0, 0)].fallbacks += 1 }
                squared += error * error
                absolute += abs(error)
                if !answers { fallbacks += 1 }
            }
        }
        let slices = sums.mapValues {
            RatingMetrics(squared: $0.squared, absolute: $0.absolute, count: $0.count, fallbacks: $0.fallbacks)
        }
        return RatingMetrics(
            squared: squared, absolute: absolute, count: test.count, fallbacks: fallbacks, slices: slices)
    }
}
