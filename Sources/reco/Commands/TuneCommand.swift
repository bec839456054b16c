import ArgumentParser
import Foundation
import Reco

/// `reco tune`: cross-validated hyperparameter search.
struct TuneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tune",
        abstract: "Cross-validate a grid or a random sample of hyperparameters and keep the best.",
        discussion: """
            Settings run in parallel on the machine's cores. Prints the ranked table and writes the best \
            settings to --out, which `reco evaluate --params FILE` (and `reco train`) read. `reco models` \
            lists the parameters each model has.

            Examples:
              reco tune --data ../shared/data/ml-100k --model matrix-factorization --grid 'factors=5,10;reg=5,10' --folds 3
              reco tune --data ../shared/data/ml-100k --model baseline --random 8 --ranges 'regularization-item=1..50;regularization-user=1..50' --folds 3
            """
    )

    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var modelOptions: ModelOptions

    @Option(help: ArgumentHelp("Values to try: 'name=v1,v2;name=v3,v4' (every combination).", valueName: "grid"))
    var grid: String?

    @Option(help: "Try this many random settings from --ranges.")
    var random: Int?

    @Option(
        help: ArgumentHelp(
            "Ranges for --random: 'name=low..high;...' (log scale when high ≥ 10·low).", valueName: "ranges"))
    var ranges: String?

    @Option(help: "Folds of cross-validation per setting.")
    var folds: Int = 3

    @Option(help: "The metric to rank by (default rmse; ndcg@10 for ranking-only models).")
    var metric: String?

    @OptionGroup var seedOption: SeedOption

    @Option(help: ArgumentHelp("Where to write the best settings.", valueName: "file"))
    var out: String?

    @OptionGroup var progressOptions: ProgressOptions

    func validate() throws {
        try modelOptions.requireModel()
        guard (grid == nil) != (random == nil) else {
            throw ValidationError("give either --grid or --random N with --ranges")
        }
        if random != nil && ranges == nil { throw ValidationError("--random needs --ranges 'name=low..high;...'") }
        if let random, random < 1 { throw ValidationError("--random needs at least 1 setting") }
        if folds < 2 { throw ValidationError("--folds needs at least 2") }
    }

    func run() throws {
        let kind = try modelOptions.kind()
        let seed = seedOption.seed
        let base = try modelOptions.parameters(seed: seed)
        let settings =
            try grid.map { try ParameterGrid(parsing: $0).settings }
            ?? ParameterRanges(parsing: ranges!).sample(random!, seed: seed)
        let rankBy = try Metric(parsing: metric ?? (kind.ranksOnly ? "ndcg@10" : "rmse"))
        let dataset = try dataOptions.load()
        let splits = Splitter.kFold(dataset.ratings, folds: folds, seed: seed)
        let reporter = progressOptions.reporter(label: kind.name)
        let search = HyperparameterSearch(
            kind: kind, base: base, metric: rankBy, evaluator: Evaluator(metrics: [rankBy]))
        let start = ContinuousClock.now
        let finished = Locked(0)
        let total = settings.count
        let reports = try search.run(settings, splits: splits, features: SideFeatures(dataset)) { index, report in
            let done = finished.withLock { count in
                count += 1
                return count
            }
            reporter.say(
                "setting \(done)/\(total): \(rankBy) \(fixed(report.mean(0), 4))  (\(settings[index].description))  "
                    + "\(fixed(secondsElapsed(since: start), 1))s")
        }
        var table = TextTable(["rank", "parameters", "\(rankBy) mean", "std", "fit_seconds"], leftAligned: [1])
        for (rank, report) in reports.enumerated() {
            let own =
                settings.first { base.merging($0) == report.parameters }?.description ?? report.parameters.description
            table.add([
                "\(rank + 1)", own, fixed(report.mean(0), 4), fixed(report.standardDeviation(0), 4),
                fixed(report.meanFitSeconds, 3),
            ])
        }
        print(
            "\(kind.name) on \(try dataOptions.path()): \(folds)-fold cross-validation, seed \(seed), ranked by \(rankBy)"
        )
        print(table.render())
        let best = reports[0]
        let path = out ?? "tuned-\(kind.name).params"
        try AtomicFile.write(
            "# reco tune: \(kind.name), \(rankBy) \(best.mean(0)) over \(folds) folds (seed \(seed))\n"
                + best.parameters.fileText, to: path)
        print("\nBest: \(best.parameters.description)  →  \(rankBy) \(fixed(best.mean(0), 4))")
        print("Written to \(path); use it with: reco evaluate --params \(path) ...")
    }
}
