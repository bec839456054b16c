import Foundation
import Reco

/// Renders an evaluation report as a table, JSON or CSV, with metric names exactly as requested.
struct ReportPrinter {
    let report: Evaluator.Report
    /// The metric names as the user typed them, parallel to `report.metrics`.
    let names: [String]

    func render(_ format: TableFormat, title: String) -> String {
        switch format {
        case .table: return table(title: title)
        case .csv: return csv()
        case .json: return json()
        }
    }

    private func table(title: String) -> String {
        var table = TextTable(["fold"] + names + ["fit_seconds", "predict_seconds", "train", "test"])
        for fold in report.folds {
            table.add(
                [fold.name] + fold.values.map { fixed($0, 4) } + [
                    fixed(fold.fitSeconds, 3), fixed(fold.predictSeconds, 3), "\(fold.trainCount)", "\(fold.testCount)",
                ])
        }
        table.add(
            ["mean"] + names.indices.map { fixed(report.mean($0), 4) } + [
                fixed(report.meanFitSeconds, 3), fixed(report.meanPredictSeconds, 3), "", "",
            ])
        table.add(
            ["std"] + names.indices.map { fixed(report.standardDeviation($0), 4) } + [
                fixed(report.fitSecondsDeviation, 3), fixed(report.predictSecondsDeviation, 3), "", "",
            ])
        var lines = [
            title,
            "parameters: \(report.parameters.description.isEmpty ? "(defaults)" : report.parameters.description)", "",
            table.render(), "",
        ]
        let coldUsers = report.folds.map(\.coldUsers).reduce(0, +)
        let coldItems = report.folds.map(\.coldItems).reduce(0, +)
        let fallbacks = report.folds.map(\.fallbackPredictions).reduce(0, +)
        lines.append(
            "Cold start (all folds): \(coldUsers) test users and \(coldItems) test items have no training rating; "
                + "policy: their ratings are predicted by the model's baseline μ + b of the known side, or the training mean for a model without biases (\(fallbacks) predictions), and their top-N lists by popularity."
        )
        if report.metrics.contains(where: { !$0.isRatingMetric }) {
            lines.append(
                "Top-N: every item the user did not rate in training is a candidate; users scored per fold: "
                    + report.folds.map { "\($0.rankedUsers)" }.joined(separator: ", ") + ".")
        }
        return lines.joined(separator: "\n")
    }

    private func csv() -> String {
        var lines = [(["fold"] + names + ["fit_seconds", "predict_seconds"]).joined(separator: ",")]
        for fold in report.folds {
            lines.append(
                ([fold.name] + fold.values.map { "\($0)" } + ["\(fold.fitSeconds)", "\(fold.predictSeconds)"]).joined(
                    separator: ","))
        }
        lines.append(
            (["mean"] + names.indices.map { "\(report.mean($0))" } + [
                "\(report.meanFitSeconds)", "\(report.meanPredictSeconds)",
            ]).joined(separator: ","))
        lines.append(
            (["std"] + names.indices.map { "\(report.standardDeviation($0))" } + [
                "\(report.fitSecondsDeviation)", "\(report.predictSecondsDeviation)",
            ]).joined(separator: ","))
        return lines.joined(separator: "\n")
    }

    private func json() -> String {
        func number(_ value: Double) -> Any { value.isFinite ? value : NSNull() }
        let folds: [[String: Any]] = report.folds.map { fold in
            var object: [String: Any] = [
                "fold": fold.name, "fit_seconds": fold.fitSeconds, "predict_seconds": fold.predictSeconds,
                "train_ratings": fold.trainCount, "test_ratings": fold.testCount, "cold_users": fold.coldUsers,
                "cold_items": fold.coldItems, "fallback_predictions": fold.fallbackPredictions,
            ]
            for (index, name) in names.enumerated() { object[name] = number(fold.values[index]) }
            return object
        }
        var mean: [String: Any] = ["fit_seconds": report.meanFitSeconds, "predict_seconds": report.meanPredictSeconds]
        var deviation: [String: Any] = [
            "fit_seconds": report.fitSecondsDeviation, "predict_seconds": report.predictSecondsDeviation,
        ]
        for (index, name) in names.enumerated() {
            mean[name] = number(report.mean(index))
            deviation[name] = number(report.standardDeviation(index))
        }
        let object: [String: Any] = [
            "model": report.model, "params": report.parameters.values, "folds": folds, "mean": mean, "std": deviation,
        ]
        let data = try! JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }
}
