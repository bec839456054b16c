import ArgumentParser
import Foundation
import Reco

/// `reco evaluate`: cross-validated scores of one model.
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Score a model on held-out data: per-fold rows, mean and standard deviation.",
        discussion: """
            Rating metrics: rmse, mae (predictions clipped to the training rating scale). Top-N metrics at a \
            cut-off K rank every item the user did not rate in training: precision@K, recall@K, ndcg@K, map@K, \
            mrr@K, hitrate@K, coverage@K, novelty@K, and auc. Formulas: docs/metrics.md.

            Test ratings whose user or item has no training rating are predicted by the model's baseline \
            (μ plus the bias of the side it knows, as Surprise does) or, for a model without biases, the \
            training mean; such users' lists by popularity. The report counts them.

            --folds K with --seed S cuts the folds Surprise's KFold(n_splits=K, random_state=S) cuts from \
            the same file: figures compare one to one. With --train and --test, --data is read only for \
            item features.

            --model-file FILE --test TEST scores a model already trained (by `reco train`, or imported from Spark \
            by `reco import-spark`) on held-out ratings, without training: test ratings of ids the model does not \
            know are left out and counted. Add --lists FILE to score ranked lists computed elsewhere instead \
            (user<TAB>rank<TAB>item lines, as `reco recommend --all-users` writes them; a peer's, or Spark's \
            recommendForAllUsers) by the same code, over the model's training ratings.

            Examples:
              reco evaluate --data ../shared/data/ml-100k --model baseline --folds 5 --seed 42
              reco evaluate --data ../shared/data/ml-100k --model popularity --per-user 0.2 --metrics ndcg@10,recall@10
              reco evaluate --train out/fold-1.train.tsv --test out/fold-1.test.tsv --model baseline --format json
              reco evaluate --model-file movielens.reco --test out/fold-1.test.tsv --metrics rmse,mae
            """
    )

    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var modelOptions: ModelOptions
    @OptionGroup var splitOptions: SplitOptions
    @OptionGroup var seedOption: SeedOption
    @OptionGroup var rankByOption: RankByOption

    @Option(
        help: ArgumentHelp(
            "Comma-separated metrics (default: rmse,mae for rating models; precision@10,recall@10,ndcg@10,map@10 for ranking models).",
            valueName: "list"))
    var metrics: String?

    @Option(help: "Only held-out ratings ≥ T count as relevant for top-N metrics.")
    var relevanceThreshold: Float?

    @Option(
        help: ArgumentHelp(
            "Score this trained model on --test instead of training one (no --model, --data or --train).",
            valueName: "file"))
    var modelFile: String?

    @Option(
        help: ArgumentHelp(
            "With --model-file: score these ranked lists (user<TAB>rank<TAB>item) instead of the model's.",
            valueName: "file"))
    var lists: String?

    @OptionGroup var output: OutputOptions<TableFormat>
    @OptionGroup var progressOptions: ProgressOptions

    func validate() throws {
        if lists != nil && modelFile == nil { throw ValidationError("--lists goes with --model-file and --test") }
        if modelFile != nil {
            guard splitOptions.test != nil, splitOptions.train == nil, dataOptions.data == nil,
                modelOptions.model == nil, modelOptions.preset == nil
            else {
                throw ValidationError("--model-file takes --test FILE alone: the model brings its training data")
            }
            return
        }
        try modelOptions.requireModel()
        if dataOptions.data == nil && !splitOptions.usesFiles {
            throw ValidationError("give --data PATH, or --train A --test B")
        }
    }

    func run() throws {
        if let modelFile, let test = splitOptions.test {
            return try score(modelFile, test: test)
        }
        let kind = try modelOptions.kind()
        let seed = seedOption.seed
        let parameters = try modelOptions.parameters(seed: seed)
        let requested = requestedMetrics(ranksOnly: kind.ranksOnly)
        let parsed = try requested.map { try Metric(parsing: $0) }
        let dataset = try dataOptions.data.map { _ in try dataOptions.load() }
        let splits = try splitOptions.splits(of: dataset?.ratings, seed: seed)
        let features = try featureSource(dataset)
        if kind.needsItemFeatures && features.items == nil {
            throw ValidationError(
                "\(kind.name) needs item features: --data with genres (a MovieLens or RecBole folder) or --item-features FILE"
            )
        }
        let evaluator = Evaluator(metrics: parsed, relevanceThreshold: relevanceThreshold, rankBy: rankByOption.rankBy)
        let reporter = progressOptions.reporter(label: kind.name)
        let start = ContinuousClock.now
        var folds: [Evaluator.FoldResult] = []
        for (index, split) in splits.enumerated() {
            let one = try evaluator.crossValidate(
                kind, parameters: parameters, splits: [split], features: features)
            folds.append(contentsOf: one.folds)
            reporter.say(
                "\(kind.name): \(split.name) done (\(index + 1)/\(splits.count), \(fixed(secondsElapsed(since: start), 1))s)"
            )
        }
        let report = Evaluator.Report(model: kind.name, parameters: parameters, metrics: parsed, folds: folds)
        let source = dataOptions.data ?? "\(splitOptions.train!) + \(splitOptions.test!)"
        let title = "\(kind.name) on \(source): \(splitOptions.protocolDescription(seed: seed))"
        print(ReportPrinter(report: report, names: requested).render(output.format, title: title))
    }

    /// The --metrics names, or the defaults of a rating or a ranking model.
    private func requestedMetrics(ranksOnly: Bool) -> [String] {
        metrics.map {
            $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        } ?? (ranksOnly ? ["precision@10", "recall@10", "ndcg@10", "map@10"] : ["rmse", "mae"])
    }

    /// Scores the model in `path` on the ratings in `test`, in the model's own index space.
    private func score(_ path: String, test: String) throws {
        let saved = try SavedModel.read(path)
        let kind = saved.kind
        let requested = requestedMetrics(ranksOnly: kind.ranksOnly || lists != nil)
        let parsed = try requested.map { try Metric(parsing: $0) }
        let read = try SplitFiles.readTest(test, over: saved.training)
        let split = TrainTestSplit(train: saved.training, test: read.test, name: "test")
        let evaluator = Evaluator(metrics: parsed, relevanceThreshold: relevanceThreshold, rankBy: rankByOption.rankBy)
        let result: Evaluator.FoldResult
        if let lists {
            let ranked = try RankedLists.read(lists, users: saved.training.userIDs, items: saved.training.itemIDs)
            result = evaluator.score(ranked, on: split)
        } else {
            result = evaluator.score(saved.model, on: split)
        }
        let report = Evaluator.Report(model: kind.name, parameters: saved.parameters, metrics: parsed, folds: [result])
        let unknown = read.unknown > 0 ? "; \(read.unknown) test ratings of ids the model does not know left out" : ""
        let scored = lists.map { "lists \($0) over \(path)" } ?? "\(kind.name) from \(path)"
        let title = "\(scored) on \(test) (\(read.test.count) ratings\(unknown))"
        print(ReportPrinter(report: report, names: requested).render(output.format, title: title))
    }

    /// Item and user features by id: --item-features and --user-features, else --data's own (genres,
    /// release years, demographics). With --train/--test, ids in the test file only that have
    /// features are the cold items and users the feature models serve.
    private func featureSource(_ dataset: Dataset?) throws -> SideFeatures {
        var features = dataset.map { SideFeatures($0) } ?? SideFeatures()
        if features.items == nil, let path = dataOptions.itemFeatures { features.items = try FeatureTable.read(path) }
        if features.users == nil, let path = dataOptions.userFeatures { features.users = try FeatureTable.read(path) }
        return features
    }
}
