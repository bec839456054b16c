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
                + "a model that reads their features scores them, otherwise their ratings get the model's baseline (μ + b "
                + "of the known side, or the training mean; \(fallbacks) predictions) and cold users' lists popularity."
        )
        let slices = sliceRows()
        if !slices.isEmpty {
            // Rating columns for rating metrics, ranking columns for top-N metrics.
            let rates = report.metrics.contains(where: \.isRatingMetric)
            let ranks = report.metrics.contains(where: { !$0.isRatingMetric })
            let header =
                ["slice"] + (rates ? ["ratings"] : []) + (ranks ? ["users ranked"] : []) + names
                + (rates ? ["ratings by"] : []) + (ranks ? ["lists by"] : [])
            let answeredBy = (header.count - (rates ? 1 : 0) - (ranks ? 1 : 0))..<header.count
            var table = TextTable(header, leftAligned: Set([0] + Array(answeredBy)))
            for row in slices {
                table.add(
                    [row.slice.rawValue] + (rates ? ["\(row.ratings)"] : []) + (ranks ? ["\(row.users)"] : [])
                        + row.values.map { fixed($0, 4) } + (rates ? [row.ratingsBy] : [])
                        + (ranks ? [row.listsBy] : []))
            }
            lines += [
                "",
                "By slice (mean over folds; cold items are ranked among the cold items only, cold users among the trained items):",
                table.render(), "",
            ]
        }
        if report.metrics.contains(where: { !$0.isRatingMetric }) {
            lines.append(
                "Top-N: every item the user did not rate in training is a candidate; users scored per fold: "
                    + report.folds.map { "\($0.rankedUsers)" }.joined(separator: ", ") + ".")
        }
        return lines.joined(separator: "\n")
    }

    /// Each slice with its figures averaged over the folds that have it.
    private func sliceRows() -> [(
        slice: ColdStartSlice, ratings: Int, users: Int, values: [Double], ratingsBy: String, listsBy: String
    )] {
        ColdStartSlice.allCases.compactMap { slice in
            let parts = report.folds.compactMap { $0.slices.first { $0.slice == slice } }
            guard let first = parts.first else { return nil }
            let values = names.indices.map { index in
                Evaluator.Report.mean(parts.map { $0.values[index] }.filter { !$0.isNaN })
            }
            return (
                slice, parts.map(\.ratings).reduce(0, +), parts.map(\.rankedUsers).reduce(0, +), values,
                first.ratingsBy, first.listsBy
            )
        }
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
            if !fold.slices.isEmpty {
                object["slices"] = fold.slices.map { part -> [String: Any] in
                    var slice: [String: Any] = ["slice": part.slice.rawValue]
                    if report.metrics.contains(where: \.isRatingMetric) {
                        slice["ratings"] = part.ratings
                        slice["ratings_by"] = part.ratingsBy
                    }
                    if report.metrics.contains(where: { !$0.isRatingMetric }) {
                        slice["ranked_users"] = part.rankedUsers
                        slice["lists_by"] = part.listsBy
                    }
                    for (index, name) in names.enumerated() { slice[name] = number(part.values[index]) }
                    return slice
                }
            }
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
