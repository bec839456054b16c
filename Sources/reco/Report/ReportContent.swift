import Foundation
import Reco

/// Everything `reco report` measured, ready to be drawn: the dataset, the protocol and each
/// model's scores over the same folds with its learning curve.
struct ReportContent {
    /// One point of a learning curve.
    struct CurvePoint {
        var epoch: Int
        var loss: Double
        /// RMSE on the first fold's test ratings after this epoch (rating models that expose their
        /// state while training).
        var validationRMSE: Double?
    }

    /// One model's results.
    struct ModelResult {
        var model: ComparedModel
        /// Per-fold scores in `model.metrics` order.
        var report: Evaluator.Report
        /// Per-epoch loss and validation RMSE on the first fold (empty for models that do not train
        /// in epochs).
        var curve: [CurvePoint]

        /// Mean and standard deviation over folds of `metric`, if the model was scored on it.
        func score(_ metric: Metric) -> (mean: Double, spread: Double, folds: [Double])? {
            guard let index = report.metrics.firstIndex(of: metric) else { return nil }
            return (report.mean(index), report.standardDeviation(index), report.folds.map { $0.values[index] })
        }
    }

    /// What `--data` named.
    var source: String
    var dataset: Dataset
    var summary: DatasetSummary
    var folds: Int
    var seed: UInt64
    var results: [ModelResult]
    /// The command that makes the same report.
    var commandLine: String
    var generatedAt: Date
    /// Wall-clock seconds for the whole report.
    var seconds: Double
}
