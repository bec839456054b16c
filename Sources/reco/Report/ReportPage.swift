import Foundation
import Reco

/// Renders a `ReportContent` as one HTML page: inline CSS and SVG, no scripts, nothing fetched.
/// Every text that came from the data or the command line is escaped.
struct ReportPage {
    var content: ReportContent

    func render() -> String {
        let title = "Reco report: \(content.source)"
        var html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(Markup.escape(title))</title>
            <style>\(Self.style)</style>
            </head>
            <body>
            <header>
            <h1>\(Markup.escape(title))</h1>
            <p class="meta">Written \(Self.timestamp(content.generatedAt)) in \(fixed(content.seconds, 1)) s by <code>\(Markup.escape(content.commandLine))</code></p>
            <nav><a href="#dataset">Dataset</a> · <a href="#models">Models</a> · <a href="#cold-start">Cold start</a> · <a href="#curves">Learning curves</a> · <a href="#method">How it was computed</a></nav>
            </header>

            """
        html += datasetSection()
        html += modelsSection()
        html += coldStartSection()
        html += curvesSection()
        html += methodSection()
        html += "</body>\n</html>\n"
        return html
    }

    // MARK: The dataset

    private func datasetSection() -> String {
        let summary = content.summary
        let ratings = content.dataset.ratings
        var html = "<section id=\"dataset\">\n<h2>Dataset</h2>\n"
        let scale =
            summary.ratings > 0
            ? "\(compactNumber(summary.minimumRating)) to \(compactNumber(summary.maximumRating))" : "—"
        let rows: [(String, String)] = [
            ("users", Self.count(summary.users)), ("items", Self.count(summary.items)),
            ("ratings", Self.count(summary.ratings)), ("density", "\(fixed(summary.density * 100, 2)) %"),
            ("rating scale", scale), ("mean rating", fixed(summary.meanRating, 3)),
            ("ratings per user", Self.spread(summary.ratingsPerUser)),
            ("ratings per item", Self.spread(summary.ratingsPerItem)),
            ("timestamps", summary.hasTimestamps ? "yes" : "no"),
            ("titled items", Self.count(summary.titledItems)),
            ("item features", summary.featureNames.isEmpty ? "none" : "\(summary.featureNames.count)"),
            ("duplicate ratings merged", Self.count(summary.duplicates)),
        ]
        html += "<table class=\"facts\">\n"
        for (name, value) in rows { html += "<tr><th>\(name)</th><td>\(Markup.escape(value))</td></tr>\n" }
        html += "</table>\n<div class=\"charts\">\n"
        let histogram = BarChart(
            title: "Ratings by value", xLabel: "rating", yLabel: "ratings",
            bars: summary.histogram.map { bin in
                BarChart.Bar(
                    label: bin.lower == bin.upper
                        ? compactNumber(bin.lower) : "\(compactNumber(bin.lower))–\(compactNumber(bin.upper))",
                    value: Double(bin.count))
            }, decimals: 0)
        html += figure(histogram.render(width: 460, height: 340), caption: "How many ratings have each value.")
        // Items most rated first (ties by index): the long tail's counts and the top-ten table.
        let byPopularity = (0..<ratings.itemCount).sorted {
            (ratings.ratingCount(ofItem: $0), $1) > (ratings.ratingCount(ofItem: $1), $0)
        }
        let popularity = byPopularity.map(ratings.ratingCount(ofItem:))
        let tail = LineChart(
            title: "The long tail: items by popularity", xLabel: "item rank (most rated first)",
            yLabel: "ratings of the item (log scale)",
            series: [
                .init(
                    name: "items", points: popularity.enumerated().map { (Double($0.offset + 1), Double($0.element)) })
            ],
            ySpacing: .logarithmic, markers: false)
        html += figure(
            tail.render(width: 460, height: 340),
            caption: "Items ranked by their number of ratings; \(Self.headShare(popularity)).")
        let perUser = (0..<ratings.userCount).map(ratings.ratingCount(ofUser:))
        let users = BarChart(
            title: "Ratings per user", xLabel: "ratings of the user", yLabel: "users",
            bars: Self.powerOfTwoBins(perUser).map { BarChart.Bar(label: $0.label, value: Double($0.count)) },
            decimals: 0)
        html += figure(
            users.render(width: 460, height: 340),
            caption: "Users by how many ratings they gave, in bins that double (1, 2–3, 4–7, …).")
        html += "</div>\n"
        html += topItems(byPopularity.prefix(10))
        return html + "</section>\n"
    }

    private func topItems(_ order: ArraySlice<Int>) -> String {
        let ratings = content.dataset.ratings
        guard !order.isEmpty else { return "" }
        var html =
            "<h3>The ten most rated items</h3>\n<table>\n<tr><th>id</th><th>title</th><th>ratings</th><th>mean</th></tr>\n"
        for item in order {
            let range = ratings.itemRange(item)
            let mean =
                range.isEmpty
                ? Double.nan : range.reduce(0.0) { $0 + Double(ratings.itemRatings[$1]) } / Double(range.count)
            let title = item < content.dataset.itemTitles.count ? content.dataset.itemTitles[item] : ""
            html += "<tr><td>\(Markup.escape(ratings.itemIDs.ids[item]))</td><td>\(Markup.escape(title))</td>"
            html += "<td class=\"number\">\(range.count)</td><td class=\"number\">\(fixed(mean, 2))</td></tr>\n"
        }
        return html + "</table>\n"
    }

    // MARK: The models

    private static let shownMetrics: [(Metric, String)] = [
        (.rmse, "RMSE"), (.mae, "MAE"), (.ndcg(10), "NDCG@10"), (.recall(10), "recall@10"),
    ]

    private func modelsSection() -> String {
        let results = content.results
        var html = "<section id=\"models\">\n<h2>Models compared on the same \(content.folds) folds</h2>\n"
        html += "<table>\n<tr><th>model</th>"
        for (_, name) in Self.shownMetrics { html += "<th>\(name)</th>" }
        html += "<th>fit s</th><th>predict s</th><th>parameters</th></tr>\n"
        let best = Dictionary(
            uniqueKeysWithValues: Self.shownMetrics.compactMap { metric, _ -> (String, Double)? in
                let means = results.compactMap { $0.score(metric)?.mean }.filter(\.isFinite)
                guard let pick = metric.largerIsBetter ? means.max() : means.min() else { return nil }
                return (metric.description, pick)
            })
        for result in results {
            html += "<tr><td>\(Markup.escape(result.model.name))</td>"
            for (metric, _) in Self.shownMetrics {
                if let score = result.score(metric), score.mean.isFinite {
                    let bold = best[metric.description] == score.mean ? " class=\"number best\"" : " class=\"number\""
                    html += "<td\(bold)>\(fixed(score.mean, 4)) ± \(fixed(score.spread, 4))</td>"
                } else {
                    html += "<td class=\"number\">—</td>"
                }
            }
            html += "<td class=\"number\">\(fixed(result.report.meanFitSeconds, 3))</td>"
            html += "<td class=\"number\">\(fixed(result.report.meanPredictSeconds, 3))</td>"
            html += "<td class=\"parameters\">\(Markup.escape(Self.describe(result.model.parameters)))</td></tr>\n"
        }
        html +=
            "</table>\n<p class=\"note\">Mean ± standard deviation over the folds; the best mean of each column in bold.</p>\n"
        html += "<div class=\"charts\">\n"
        for (metric, name) in Self.shownMetrics {
            let scored = results.compactMap { result in result.score(metric).map { (result.model.name, $0) } }
            guard scored.contains(where: { $0.1.mean.isFinite }) else { continue }
            let chart = BarChart(
                title: "\(name) (\(metric.largerIsBetter ? "higher" : "lower") is better)", xLabel: "model",
                yLabel: name,
                bars: scored.map {
                    .init(label: $0.0, value: $0.1.mean, spread: $0.1.spread, observations: $0.1.folds)
                },
                style: .dots)
            html += figure(
                chart.render(width: 460, height: 360),
                caption: "Mean over folds (large dot), ± one standard deviation (whiskers), each fold (grey dots).")
        }
        let fit = BarChart(
            title: "Seconds to fit one fold", xLabel: "model", yLabel: "seconds",
            bars: results.map {
                .init(label: $0.model.name, value: $0.report.meanFitSeconds, spread: $0.report.fitSecondsDeviation)
            }, decimals: 3)
        html += figure(fit.render(width: 460, height: 360), caption: "Mean wall-clock seconds of `fit` per fold.")
        let predict = BarChart(
            title: "Seconds to score one fold", xLabel: "model", yLabel: "seconds",
            bars: results.map {
                .init(
                    label: $0.model.name, value: $0.report.meanPredictSeconds, spread: $0.report.predictSecondsDeviation
                )
            }, decimals: 3)
        html += figure(
            predict.render(width: 460, height: 360),
            caption: "Mean seconds to predict the test ratings and rank every unrated item for every test user.")
        return html + "</div>\n</section>\n"
    }

    private func coldStartSection() -> String {
        var html = "<section id=\"cold-start\">\n<h2>Cold start</h2>\n"
        let sliced = content.results.filter { result in result.report.folds.contains { !$0.slices.isEmpty } }
        guard !sliced.isEmpty else {
            return html
                + "<p>Every test user and item of these folds has training ratings: no cold-start slices.</p>\n</section>\n"
        }
        let coldUsers = content.results.first.map { $0.report.folds.reduce(0) { $0 + $1.coldUsers } } ?? 0
        let coldItems = content.results.first.map { $0.report.folds.reduce(0) { $0 + $1.coldItems } } ?? 0
        html += "<p>Over all folds, \(coldUsers) test users and \(coldItems) test items have no training rating. "
        html += "The table splits each model's test set by which side is cold (mean over folds).</p>\n"
        html +=
            "<table>\n<tr><th>model</th><th>slice</th><th>ratings</th><th>RMSE</th><th>MAE</th><th>predicted by</th></tr>\n"
        var bars: [BarChart.Bar] = []
        for result in sliced {
            guard let rmse = result.report.metrics.firstIndex(of: .rmse) else { continue }
            let mae = result.report.metrics.firstIndex(of: .mae)
            for slice in ColdStartSlice.allCases {
                let parts = result.report.folds.compactMap { fold in fold.slices.first { $0.slice == slice } }
                guard !parts.isEmpty else { continue }
                let rmseMean = Evaluator.Report.mean(parts.map { $0.values[rmse] }.filter(\.isFinite))
                let maeMean = mae.map { index in
                    Evaluator.Report.mean(parts.map { $0.values[index] }.filter(\.isFinite))
                }
                html += "<tr><td>\(Markup.escape(result.model.name))</td><td>\(slice.rawValue)</td>"
                html += "<td class=\"number\">\(parts.reduce(0) { $0 + $1.ratings })</td>"
                html +=
                    "<td class=\"number\">\(fixed(rmseMean, 4))</td><td class=\"number\">\(maeMean.map { fixed($0, 4) } ?? "—")</td>"
                html += "<td>\(Markup.escape(parts[0].ratingsBy))</td></tr>\n"
                bars.append(.init(label: "\(result.model.name) · \(slice.rawValue)", value: rmseMean))
            }
        }
        html += "</table>\n"
        if !bars.isEmpty {
            let chart = BarChart(
                title: "RMSE by slice", xLabel: "model · slice", yLabel: "RMSE", bars: bars, style: .dots)
            html += "<div class=\"charts\">\n"
            html += figure(
                chart.render(width: 940, height: 400),
                caption: "Warm ratings against those of items (or users) the fold's training set never saw.")
            html += "</div>\n"
        }
        return html + "</section>\n"
    }

    // MARK: Learning curves

    private func curvesSection() -> String {
        var html = "<section id=\"curves\">\n<h2>Learning curves (first fold)</h2>\n"
        let curved = content.results.filter { !$0.curve.isEmpty }
        guard !curved.isEmpty else {
            return html + "<p>None of these models trains in epochs.</p>\n</section>\n"
        }
        html += "<div class=\"charts\">\n"
        let loss = LineChart(
            title: "Training loss, relative to the first epoch", xLabel: "epoch", yLabel: "loss ÷ first epoch's loss",
            series: curved.map { result in
                let first = result.curve[0].loss
                return .init(
                    name: result.model.name,
                    points: result.curve.map { (Double($0.epoch), first != 0 ? $0.loss / first : .nan) })
            }, alwaysNamesSeries: true)
        html += figure(
            loss.render(width: 560, height: 380),
            caption: "Each model's own training objective, divided by its value after the first epoch.")
        let validated = curved.filter { $0.curve.contains { $0.validationRMSE != nil } }
        if !validated.isEmpty {
            let rmse = LineChart(
                title: "RMSE on the first fold's test ratings", xLabel: "epoch", yLabel: "RMSE",
                series: validated.map { result in
                    .init(
                        name: result.model.name,
                        points: result.curve.compactMap { point in
                            point.validationRMSE.map { (Double(point.epoch), $0) }
                        })
                }, alwaysNamesSeries: true)
            html += figure(
                rmse.render(width: 560, height: 380),
                caption: "Scored after every epoch, for the models that hand out their state while training "
                    + "(\(validated.map(\.model.name).joined(separator: ", "))); the time it took is not counted in the fit seconds."
            )
        }
        return html + "</div>\n</section>\n"
    }

    // MARK: How it was computed

    private func methodSection() -> String {
        let users = content.results.first?.report.folds.first?.rankedUsers ?? 0
        return """
            <section id="method">
            <h2>How it was computed</h2>
            <ul>
            <li><b>Protocol.</b> \(content.folds)-fold cross-validation with seed \(content.seed): the ratings are shuffled once and cut into \(content.folds) equal folds, exactly as Surprise's <code>KFold(n_splits=\(content.folds), random_state=\(content.seed))</code> cuts them; each model is trained on \(content.folds - 1) folds and scored on the one left out, and every model sees the same folds.</li>
            <li><b>RMSE</b> = √(Σ(r̂ − r)² / n) and <b>MAE</b> = Σ|r̂ − r| / n over the test ratings, each prediction clipped to the training rating scale. A test rating whose user or item has no training rating is predicted by the model's baseline (μ plus the known side's bias) or the training mean — the cold-start table counts them.</li>
            <li><b>NDCG@10</b> = DCG@10 / IDCG@10 with DCG@10 = Σ<sub>k≤10</sub> rel<sub>k</sub> / log₂(k + 1), and <b>recall@10</b> = (relevant items in the top 10) / (relevant items), averaged over the users with a test rating (\(users) on the first fold). Each user's list ranks every item they did not rate in training; every held-out item is relevant. Rating models rank by their interest score where they have one (see docs/ranking.md), otherwise by predicted rating.</li>
            <li><b>Spread</b> is the population standard deviation over the folds, as Surprise reports it.</li>
            <li><b>Seconds</b> are wall-clock on this machine (\(ProcessInfo.processInfo.activeProcessorCount) cores): <i>fit</i> trains on one fold's training ratings; <i>predict</i> scores its test ratings and ranks for every test user.</li>
            <li><b>Learning curves</b> come from the first fold's training: the loss each model reports after every epoch and, for rating models that expose their state, RMSE on that fold's test ratings.</li>
            </ul>
            <p>The definitions in full, with the slices' protocols: <code>docs/metrics.md</code> in Reco's repository.</p>
            </section>

            """
    }

    // MARK: Pieces

    private func figure(_ svg: String, caption: String) -> String {
        "<figure>\n\(svg)<figcaption>\(Markup.escape(caption))</figcaption>\n</figure>\n"
    }

    private static func describe(_ parameters: ModelParameters) -> String {
        parameters.values.isEmpty ? "defaults" : parameters.description.replacingOccurrences(of: ";", with: " ")
    }

    private static func count(_ value: Int) -> String {
        let digits = String(value)
        var result = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 && character != "-" { result += "," }
            result.append(character)
        }
        return result
    }

    private static func spread(_ spread: DatasetSummary.Spread) -> String {
        "median \(spread.median), mean \(fixed(spread.mean, 1)), min \(spread.minimum), max \(spread.maximum)"
    }

    /// "the 20% most rated items hold 65% of the ratings".
    private static func headShare(_ descending: [Int]) -> String {
        let total = descending.reduce(0, +)
        guard total > 0 else { return "no ratings" }
        let head = max(1, descending.count / 5)
        let share = Double(descending.prefix(head).reduce(0, +)) / Double(total)
        let once = descending.filter { $0 == 1 }.count
        return
            "the 20% most rated items hold \(fixed(share * 100, 1)) % of the ratings, and \(once) items have one rating"
    }

    /// Counts in the bins 1, 2–3, 4–7, … up to the largest value.
    private static func powerOfTwoBins(_ values: [Int]) -> [(label: String, count: Int)] {
        guard let largest = values.max(), largest > 0 else { return [] }
        // Bin b holds 2^b ... 2^(b+1) − 1: one pass over the values.
        var counts = [Int](repeating: 0, count: Int.bitWidth - largest.leadingZeroBitCount)
        for value in values where value > 0 { counts[Int.bitWidth - 1 - value.leadingZeroBitCount] += 1 }
        return counts.indices.map { bin in
            let lower = 1 << bin
            let upper = lower * 2 - 1
            return (lower == upper ? "\(lower)" : "\(lower)–\(upper)", counts[bin])
        }
    }

    private static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    private static let style = """
        body{font-family:system-ui,sans-serif;margin:2em auto;max-width:1000px;padding:0 1em;color:#222;line-height:1.4}
        h1{font-size:1.6em;margin-bottom:.2em}h2{border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:2em}
        .meta{color:#555;font-size:.9em}code{background:#f3f3f3;padding:0 .2em;border-radius:3px}
        nav a{color:#1f5fa8}table{border-collapse:collapse;margin:1em 0;font-size:.9em}
        th,td{border:1px solid #ddd;padding:.25em .6em;text-align:left;vertical-align:top}th{background:#f6f6f6}
        td.number{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}td.best{font-weight:bold}
        td.parameters{font-size:.85em;color:#444;max-width:22em;word-break:break-word}
        table.facts th{width:12em}.charts{display:flex;flex-wrap:wrap;gap:1em}
        figure{margin:0;border:1px solid #eee;padding:.3em}figure svg{max-width:100%;height:auto;display:block}
        figcaption{font-size:.85em;color:#555;max-width:460px}.note{font-size:.85em;color:#555}
        """
}
