/// Accuracy of predicted ratings on held-out data.
///
/// ```
/// RMSE = √( 1/|T| Σ_{(u,i) ∈ T} (r̂_ui − r_ui)² )
/// MAE  =    1/|T| Σ_{(u,i) ∈ T} |r̂_ui − r_ui|
/// ```
///
/// Predictions are clipped to the training rating scale, as Surprise does. A test rating whose user
/// or item has no training rating is predicted by the fallback: the model's
/// ``RatingModel/baselinePrediction(user:item:)`` (μ plus the known side's bias, as Surprise's
/// models answer) or, for a model without biases, the training mean; `fallbackCount` says how many.
public struct RatingMetrics: Equatable, Sendable {
    /// Root mean squared error.
    public var rmse: Double
    /// Mean absolute error.
    public var mae: Double
    /// Number of test ratings scored.
    public var count: Int
    /// Test ratings predicted by the fallback (cold user or item).
    public var fallbackCount: Int

    /// Scores `model` on `test`, trained on `train` (for the scale, the mean and the cold check).
    ///
    /// - Complexity: O(test ratings · cost of one prediction).
    public static func evaluate(_ model: some RatingModel, train: RatingMatrix, test: RatingMatrix) -> RatingMetrics {
        let scale = train.ratingScale ?? (-Float.infinity...Float.infinity)
        let mean = Float(train.globalMean)
        var squared = 0.0
        var absolute = 0.0
        var fallbacks = 0
        for user in 0..<test.userCount {
            let userIsCold = user >= train.userCount || train.ratingCount(ofUser: user) == 0
            for position in test.userRange(user) {
                let item = Int(test.userItems[position])
                let prediction: Float
                let itemIsCold = item >= train.itemCount || train.ratingCount(ofItem: item) == 0
                if userIsCold || itemIsCold {
                    let estimate = model.baselinePrediction(
                        user: userIsCold ? nil : user, item: itemIsCold ? nil : item)
                    prediction =
                        estimate.map { $0.isNaN ? mean : min(max($0, scale.lowerBound), scale.upperBound) } ?? mean
                    fallbacks += 1
                } else {
                    let raw = model.predict(user: user, item: item)
                    prediction = raw.isNaN ? mean : min(max(raw, scale.lowerBound), scale.upperBound)
                }
                let error = Double(prediction - test.userRatings[position])
                squared += error * error
                absolute += abs(error)
            }
        }
        let n = Double(max(test.count, 1))
        return RatingMetrics(
            rmse: (squared / n).squareRoot(), mae: absolute / n, count: test.count, fallbackCount: fallbacks)
    }
}
