import ArgumentParser
import Foundation
import Reco

/// `reco report`: one self-contained HTML page describing a dataset and comparing models on it.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write an HTML report: the dataset's shape and models compared on the same folds, with charts.",
        discussion: """
            One file, inline SVG and CSS, no scripts and nothing fetched: the ratings histogram, the long tail \
            of item popularity, ratings per user, every model's RMSE/MAE and NDCG@10/recall@10 with the spread \
            over folds, fit and predict seconds, cold-start slices when the folds have them, learning curves of \
            the models that train in epochs (loss, and RMSE on the first fold's test ratings), and how each \
            figure was computed.

            Models: --models a,b,c (each with its defaults), or --preset NAME (a blend preset is shown beside \
            its members and the baseline); with neither: baseline, biased-mf, svd++, item-knn and als.

            Examples:
              reco report --data ../shared/data/ml-100k --preset best --out report.html
              reco report --data ratings.csv --models baseline,biased-mf,popularity --folds 3
            """
    )

    @OptionGroup var dataOptions: DataOptions

    @Option(help: ArgumentHelp("Comma-separated models to compare (`reco models` lists them).", valueName: "list"))
    var models: String?

    @Option(help: ArgumentHelp("A preset (and, for a blend, its members) instead of --models.", valueName: "name"))
    var preset: String?

    @Option(help: "Cross-validation folds (Surprise's KFold with --seed).")
    var folds = 5

    @OptionGroup var seedOption: SeedOption

    @Option(help: ArgumentHelp("The HTML file to write.", valueName: "file"))
    var out = "report.html"

    @OptionGroup var progressOptions: ProgressOptions

    func validate() throws {
        if models != nil && preset != nil { throw ValidationError("give --models LIST or --preset NAME, not both") }
        guard folds >= 2 else { throw ValidationError("--folds must be at least 2") }
    }

    func run() throws {
        let start = ContinuousClock.now
        let seed = seedOption.seed
        let compared = try ComparedModel.resolve(models: models, preset: preset, seed: seed)
        let dataset = try dataOptions.load()
        let features = SideFeatures(dataset)
        if let needy = compared.first(where: { $0.kind.needsItemFeatures }), features.items == nil {
            throw ValidationError(
                "\(needy.name) needs item features: --data with genres (a MovieLens or RecBole folder) or --item-features FILE"
            )
        }
        let splits = Splitter.kFold(dataset.ratings, folds: folds, seed: seed)
        let reporter = progressOptions.reporter(label: "report")
        var results: [ReportContent.ModelResult] = []
        let total = compared.count * splits.count
        for model in compared {
            var evaluator = Evaluator(metrics: model.metrics)
            // The report shows the slices' RMSE and MAE; ranking each slice again would double the time.
            evaluator.ranksSlices = false
            var folds: [Evaluator.FoldResult] = []
            var curve: [ReportContent.CurvePoint] = []
            for (index, split) in splits.enumerated() {
                reporter.advance(results.count * splits.count + index, of: total, "\(model.name), \(split.name)")
                // The first fold also records the learning curve.
                let recorder = index == 0 ? CurveRecorder(test: split, scoresRatings: !model.kind.ranksOnly) : nil
                var fold = try evaluator.crossValidate(
                    model.kind, parameters: model.parameters, splits: [split], features: features,
                    observer: recorder?.observer
                ).folds[0]
                if let recorder {
                    // Scoring the test ratings after every epoch is the report's work, not the model's.
                    fold.fitSeconds = max(0, fold.fitSeconds - recorder.scoringSeconds)
                    curve = recorder.points
                }
                folds.append(fold)
            }
            let report = Evaluator.Report(
                model: model.name, parameters: model.parameters, metrics: model.metrics, folds: folds)
            results.append(ReportContent.ModelResult(model: model, report: report, curve: curve.count > 1 ? curve : []))
        }
        reporter.advance(total, of: total, "done")
        reporter.finish()
        var command = ["reco", "report", "--data", try dataOptions.path()]
        if let models { command += ["--models", models] }
        if let preset { command += ["--preset", preset] }
        command += ["--folds", "\(folds)", "--seed", "\(seed)"]
        let content = ReportContent(
            source: try dataOptions.path(), dataset: dataset, summary: DatasetSummary(dataset), folds: folds,
            seed: seed, results: results, commandLine: command.joined(separator: " "), generatedAt: Date(),
            seconds: secondsElapsed(since: start))
        let html = ReportPage(content: content).render()
        try AtomicFile.write(html, to: out)
        print(
            "Wrote \(out) (\(fixed(Double(html.utf8.count) / 1024, 0)) KiB, \(results.count) models × \(splits.count) folds, \(fixed(content.seconds, 1)) s)"
        )
    }
}

/// Collects a learning curve from a training observer: the loss of every epoch and, when the model
/// hands out its state, the RMSE on the fold's test ratings — timing its own scoring so that it can be
/// taken off the fit time.
final class CurveRecorder: Sendable {
    private let test: TrainTestSplit
    private let scoresRatings: Bool
    private let recorded = Locked<(points: [ReportContent.CurvePoint], seconds: Double)>(([], 0))

    init(test: TrainTestSplit, scoresRatings: Bool) {
        self.test = test
        self.scoresRatings = scoresRatings
    }

    var observer: TrainingObserver {
        { [self] progress in
            let start = ContinuousClock.now
            var rmse: Double? = nil
            if scoresRatings, progress.user == nil, let snapshot = progress.model {
                rmse = RatingMetrics.evaluate(snapshot, train: test.train, test: test.test).rmse
            }
            let seconds = secondsElapsed(since: start)
            recorded.withLock {
                if progress.user == nil {
                    $0.points.append(.init(epoch: progress.step + 1, loss: progress.loss, validationRMSE: rmse))
                }
                $0.seconds += seconds
            }
        }
    }

    var points: [ReportContent.CurvePoint] { recorded.withLock { $0.points } }
    var scoringSeconds: Double { recorded.withLock { $0.seconds } }
}
