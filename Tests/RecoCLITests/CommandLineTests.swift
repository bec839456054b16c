import ArgumentParser
import Reco
import RecoTestSupport
import Testing

@testable import reco

/// Every command parses its command line into the values it runs with, and refuses a bad line with
/// a message that says what to do.
@Suite("Command lines")
struct CommandLineTests {
    /// `arguments` parsed as a `reco` command line, as `Command`.
    func parse<Command: ParsableCommand>(_ arguments: [String], as type: Command.Type) throws -> Command {
        try #require(try RecoCommand.parseAsRoot(arguments) as? Command)
    }

    /// The message `reco` prints for `arguments`, which must not parse.
    func refusal(_ arguments: [String]) -> String {
        do {
            let command = try RecoCommand.parseAsRoot(arguments)
            Issue.record("\(arguments) parsed as \(type(of: command))")
            return ""
        } catch {
            return RecoCommand.message(for: error)
        }
    }

    @Test func stats() throws {
        let command = try parse(
            ["stats", "--data", "ratings.csv", "--data-format", "csv", "--format", "json"], as: StatsCommand.self)
        #expect(command.dataOptions.data == "ratings.csv" && command.dataOptions.dataFormat == .csv)
        #expect(command.output.format == .json)
        // stats prints a table or JSON only.
        #expect(
            refusal(["stats", "--data", "ratings.csv", "--format", "csv"]).contains(
                "'csv' is invalid for '--format <format>'"))
        #expect(refusal(["stats", "--data", "x", "--data-format", "excel"]).contains("'excel'"))
    }

    @Test func tutorial() throws {
        #expect(try parse(["tutorial"], as: TutorialCommand.self).seedOption.seed == 42)
        #expect(try parse(["tutorial", "--seed", "7"], as: TutorialCommand.self).seedOption.seed == 7)
        #expect(refusal(["tutorial", "--seed", "many"]).contains("'many' is invalid for '--seed <seed>'"))
    }

    @Test func demo() throws {
        let command = try parse(
            ["demo", "--data", "ml", "--user", "196", "--test-fraction", "0.1", "--quiet"], as: DemoCommand.self)
        #expect(command.dataOptions.data == "ml" && command.user == "196" && command.testFraction == 0.1)
        #expect(command.progressOptions.quiet)
        #expect(refusal(["demo", "--test-fraction", "1.5"]).contains("--test-fraction must be between 0 and 1"))
    }

    @Test func split() throws {
        let command = try parse(
            ["split", "--data", "ml", "--method", "per-user", "--fraction", "0.3", "--out", "s", "--seed", "3"],
            as: SplitCommand.self)
        #expect(
            command.method == .perUser && command.fraction == 0.3 && command.out == "s" && command.seedOption.seed == 3)
        #expect(
            refusal(["split", "--data", "ml", "--method", "kfold", "--folds", "1", "--out", "s"]).contains(
                "--folds needs at least 2 folds"))
        #expect(refusal(["split", "--data", "ml", "--method", "random", "--out", "s"]).contains("'random'"))
    }

    @Test func evaluate() throws {
        let command = try parse(
            [
                "evaluate", "--data", "ml", "--model", "svd", "--folds", "5", "--seed", "42", "--metrics", "rmse",
                "--format", "csv", "--quiet",
            ],
            as: EvaluateCommand.self)
        #expect(command.modelOptions.model == "svd" && command.splitOptions.folds == 5 && command.seedOption.seed == 42)
        #expect(command.output.format == .csv && command.metrics == "rmse" && command.progressOptions.quiet)
        #expect(try command.modelOptions.kind() == .biasedMF)
        #expect(try command.modelOptions.parameters(seed: 42)["seed"] == "42")
        #expect(
            refusal(["evaluate", "--data", "ml", "--model", "svd", "--folds", "5", "--holdout", "0.2"]).contains(
                "choose exactly one protocol"))
        #expect(
            refusal(["evaluate", "--model", "svd", "--folds", "5"]).contains("give --data PATH, or --train A --test B"))
        #expect(refusal(["evaluate", "--data", "ml", "--folds", "5"]).contains("give --model NAME or --preset NAME"))
        #expect(refusal(["evaluate", "--train", "a.tsv", "--model", "svd"]).contains("--train and --test go together"))
    }

    @Test func tune() throws {
        let command = try parse(
            ["tune", "--data", "ml", "--model", "baseline", "--grid", "reg=1,5", "--folds", "3"], as: TuneCommand.self)
        #expect(command.grid == "reg=1,5" && command.folds == 3 && command.seedOption.seed == 42)
        #expect(
            refusal(["tune", "--data", "ml", "--model", "baseline"]).contains(
                "give either --grid or --random N with --ranges"))
        #expect(
            refusal(["tune", "--data", "ml", "--model", "baseline", "--random", "3"]).contains(
                "--random needs --ranges"))
    }

    @Test func generate() throws {
        let command = try parse(
            ["generate", "--users", "10", "--items", "5", "--ratings", "20", "--out", "g.tsv"], as: GenerateCommand.self
        )
        #expect(
            command.users == 10 && command.items == 5 && command.ratings == 20 && command.rank == 10
                && command.seedOption.seed == 42)
        #expect(
            refusal(["generate", "--users", "10", "--items", "5", "--out", "g.tsv"]).contains(
                "Missing expected argument '--ratings <ratings>'"))
    }

    @Test func train() throws {
        let command = try parse(
            [
                "train", "--data", "ml", "--model", "content-based", "--regularization", "0.5", "--param",
                "intercept=false", "--out", "m.reco",
            ],
            as: TrainCommand.self)
        #expect(command.out == "m.reco" && command.modelOptions.regularization == 0.5)
        let parameters = try command.modelOptions.parameters(seed: command.seedOption.seed)
        #expect(parameters == ModelParameters(["regularization": "0.5", "intercept": "false", "seed": "42"]))
        #expect(
            refusal(["train", "--data", "ml", "--model", "als", "--preset", "best", "--out", "m.reco"]).contains(
                "one of them"))
        #expect(
            refusal(["train", "--data", "ml", "--model", "als", "--out", "m.reco", "--validation-fraction", "2"])
                .contains("between 0 and 1"))
        // Hyperparameters are checked against the model's declarations before any data is read.
        let bad = try parse(
            ["train", "--data", "ml", "--model", "svd", "--param", "lr=-1", "--out", "m.reco"], as: TrainCommand.self)
        let error = #expect(throws: ModelError.self) { try bad.modelOptions.parameters(seed: 42) }
        #expect(error?.description == "learning-rate = -1 is invalid: expected a number > 0")
        let unknown = try parse(
            ["train", "--data", "ml", "--model", "ease", "--factors", "8", "--out", "m.reco"], as: TrainCommand.self)
        #expect(
            throws: ModelError.unknownParameter(name: "factors", model: "ease", known: ["regularization", "threads"])
        ) {
            try unknown.modelOptions.parameters(seed: 42)
        }
        let misspelt = try parse(
            ["train", "--data", "ml", "--model", "svd-plus", "--out", "m.reco"], as: TrainCommand.self)
        let named = #expect(throws: ModelError.self) { try misspelt.modelOptions.kind() }
        #expect(named?.description.contains("'svd++'") == true)
    }

    @Test func inspect() throws {
        #expect(try parse(["inspect", "m.reco"], as: InspectCommand.self).file == "m.reco")
        #expect(refusal(["inspect"]).contains("Missing expected argument '<file>'"))
    }

    @Test func recommend() throws {
        let command = try parse(
            [
                "recommend", "--model", "m.reco", "--items", "50,172", "--ratings", "5,4", "--count", "3", "--format",
                "json",
            ], as: RecommendCommand.self)
        #expect(
            command.modelFile.model == "m.reco" && command.items == "50,172" && command.ratings == "5,4"
                && command.count == 3)
        #expect(command.output.format == .json)
        #expect(
            refusal(["recommend", "--model", "m.reco"]).contains(
                "give --user ID, a new user's --items ID,ID,... and/or --user-features"))
        #expect(
            refusal(["recommend", "--model", "m.reco", "--user", "1", "--count", "0"]).contains(
                "--count must be between 1 and 100000"))
        #expect(
            refusal(["recommend", "--model", "m.reco", "--user", "1", "--ratings", "5"]).contains(
                "--ratings goes with --items"))
        #expect(command.rankByOption.rankBy == .interest)
        let byRating = try parse(
            ["recommend", "--model", "m.reco", "--user", "1", "--rank-by", "rating"], as: RecommendCommand.self)
        #expect(byRating.rankByOption.rankBy == .rating)
        let stars = refusal(["recommend", "--model", "m.reco", "--user", "1", "--rank-by", "stars"])
        #expect(stars.contains("'stars'") && stars.contains("interest") && stars.contains("rating"), "\(stars)")
        let evaluate = try parse(
            ["evaluate", "--data", "ml", "--model", "svd", "--per-user", "0.2", "--rank-by", "rating"],
            as: EvaluateCommand.self)
        #expect(evaluate.rankByOption.rankBy == .rating)
    }

    @Test func explain() throws {
        let command = try parse(
            ["explain", "--model", "m.reco", "--user", "196", "--item", "50", "--top", "5", "--format", "json"],
            as: ExplainCommand.self)
        #expect(command.user == "196" && command.item == "50" && command.top == 5 && command.output.format == .json)
        let newUser = try parse(
            ["explain", "--model", "m.reco", "--items", "172,181", "--ratings", "5,4", "--item", "50"],
            as: ExplainCommand.self)
        #expect(newUser.items == "172,181" && newUser.ratings == "5,4")
        #expect(try parse(["explain", "--model", "m.reco", "--audit", "100"], as: ExplainCommand.self).audit == 100)
        #expect(refusal(["explain", "--model", "m.reco", "--user", "196"]).contains("give --item"))
        #expect(
            refusal(["explain", "--model", "m.reco", "--user", "1", "--items", "2", "--item", "3"]).contains(
                "give --user ID or --items"))
        #expect(
            refusal(["explain", "--model", "m.reco", "--audit", "5", "--user", "1"]).contains("--audit goes alone"))
        #expect(
            refusal(["explain", "--model", "m.reco", "--user", "1", "--item", "2", "--top", "0"]).contains(
                "--top must be at least 1"))
        let recommend = try parse(
            ["recommend", "--model", "m.reco", "--user", "196", "--explain"], as: RecommendCommand.self)
        #expect(recommend.explain)
        #expect(
            refusal(["recommend", "--model", "m.reco", "--all-users", "--explain"]).contains(
                "--explain goes with --user"))
    }

    @Test func similar() throws {
        let command = try parse(
            ["similar", "--model", "m.reco", "--user", "196", "--format", "csv"], as: SimilarCommand.self)
        #expect(command.user == "196" && command.output.format == .csv && command.minRatings == 10)
        #expect(
            refusal(["similar", "--model", "m.reco", "--item", "1", "--user", "2"]).contains(
                "give --item ID (similar items) or --user ID"))
    }

    @Test func predict() throws {
        let command = try parse(
            ["predict", "--model", "m.reco", "--user", "196", "--item", "242"], as: PredictCommand.self)
        #expect(command.user == "196" && command.item == "242")
        #expect(refusal(["predict", "--model", "m.reco", "--user", "196"]).contains("--user and --item go together"))
    }

    @Test func plot() throws {
        let command = try parse(["plot", "curve.csv", "--out", "curve.svg", "--title", "t"], as: PlotCommand.self)
        #expect(command.history == "curve.csv" && command.out == "curve.svg" && command.title == "t")
        #expect(refusal(["plot", "curve.csv"]).contains("Missing expected argument '--out <file>'"))
    }

    @Test func serve() throws {
        let command = try parse(
            ["serve", "--model", "m.reco", "--db", "r.sqlite", "--port", "0", "--log-level", "info"],
            as: ServeCommand.self)
        #expect(
            command.model == "m.reco" && command.db == "r.sqlite" && command.port == 0 && command.logLevel == "info")
        #expect(
            refusal(["serve", "--model", "m.reco", "--db", "r.sqlite", "--port", "70000"]).contains(
                "--port must be in 0...65535"))
        #expect(
            refusal(["serve", "--model", "m.reco", "--db", "r.sqlite", "--log-level", "loud"]).contains(
                "'loud' is not a level"))
    }

    @Test func models() throws {
        let command = try parse(
            ["models", "--model", "svd", "--format", "markdown", "--parameters"], as: ModelsCommand.self)
        #expect(command.model == "svd" && command.output.format == .markdown && command.parameters)
        #expect(refusal(["models", "--format", "csv"]).contains("'csv' is invalid for '--format <format>'"))
    }
}

@Suite("Command lines for cold start")
struct ColdStartCommandLineTests {
    @Test func recommendForNewUsersAndItems() throws {
        let command = try #require(
            try RecoCommand.parseAsRoot([
                "recommend", "--model", "m.reco", "--user-features", "age=25-34;gender=F", "--new-items", "new.tsv",
            ]) as? RecommendCommand)
        #expect(command.userFeatures == "age=25-34;gender=F" && command.newItems == "new.tsv")
        do {
            _ = try RecoCommand.parseAsRoot(["recommend", "--model", "m.reco", "--all-users", "--new-items", "n.tsv"])
            Issue.record("--all-users with --new-items parsed")
        } catch {
            #expect(
                RecoCommand.message(for: error).contains("--new-items goes with --user, --items or --user-features"))
        }
    }

    @Test func coldSplits() throws {
        let split = try #require(
            try RecoCommand.parseAsRoot(["split", "--data", "ml", "--method", "cold-items", "--out", "s"])
                as? SplitCommand)
        #expect(split.method == .coldItems && split.fraction == 0.2)
        let evaluate = try #require(
            try RecoCommand.parseAsRoot([
                "evaluate", "--data", "ml", "--model", "hybrid", "--cold-users", "0.2", "--release-years",
            ])
                as? EvaluateCommand)
        #expect(evaluate.splitOptions.coldUsers == 0.2 && evaluate.dataOptions.releaseYears)
    }

    @Test("a bad feature file stops the command with its file and line (exit 1)")
    func badNewItems() throws {
        let folder = Fixtures.temporaryFolder()
        let dataset = SampleCatalog.generate(users: 30, items: 20)
        let model = try ModelKind.hybrid.fit(
            SideFeatures(dataset).trainingData(for: dataset.ratings), parameters: ModelParameters(["epochs": "1"]))
        try SavedModel(model: model, training: dataset.ratings).write(to: folder + "/m.reco")
        for (contents, expected) in [
            ("new\tDrama\nnew\tComedy\n", "new.tsv:2: id 'new' already has a row"),
            ("", "the file holds no feature rows"),
            ("new\tDramma\n", "unknown feature 'Dramma'"), ("\tDrama\n", "new.tsv:1: expected an id"),
        ] {
            let path = Fixtures.file("new.tsv", contents, in: folder)
            let command = try #require(
                try RecoCommand.parseAsRoot([
                    "recommend", "--model", folder + "/m.reco", "--user", "user1", "--new-items", path,
                ])
                    as? RecommendCommand)
            let error = #expect(throws: (any Error).self) { try command.run() }
            #expect("\(error.map { "\($0)" } ?? "")".contains(expected), "\(error.map { "\($0)" } ?? "")")
            #expect(RecoCommand.exitCode(for: error!) == .failure)
        }
    }

    @Test("a new user for a model trained without user features is refused with what to do (exit 1)")
    func newUserWithoutUserFeatures() throws {
        let folder = Fixtures.temporaryFolder()
        let dataset = SampleCatalog.generate(users: 30, items: 20)
        let data = SideFeatures(dataset).trainingData(for: dataset.ratings)
        for (kind, parameters, expected) in [
            (
                ModelKind.hybrid, ["epochs": "1", "user-features": "false"],
                "this hybrid model was trained without user features"
            ),
            (
                ModelKind.baseline, [:],
                "baseline reads no user features, so it cannot serve a new user by them; train a model that does: hybrid"
            ),
        ] {
            let model = try kind.fit(data, parameters: ModelParameters(parameters))
            try SavedModel(model: model, training: dataset.ratings).write(to: folder + "/m.reco")
            let command = try #require(
                try RecoCommand.parseAsRoot([
                    "recommend", "--model", folder + "/m.reco", "--user-features", "age=25-34",
                ])
                    as? RecommendCommand)
            let error = #expect(throws: (any Error).self) { try command.run() }
            #expect("\(error.map { "\($0)" } ?? "")".contains(expected), "\(error.map { "\($0)" } ?? "")")
            #expect(RecoCommand.exitCode(for: error!) == .failure)
        }
    }
}

@Suite("Evaluation reports")
struct ReportPrinterTests {
    /// A baseline scored on a split whose test set holds new items.
    static func report(_ metrics: [Metric]) throws -> (Evaluator.Report, [String]) {
        let dataset = SampleCatalog.generate(users: 60, items: 40)
        let split = Splitter.coldItems(dataset.ratings, fraction: 0.25, seed: 5)
        let report = try Evaluator(metrics: metrics).crossValidate(
            .baseline, parameters: ModelParameters(), splits: [split])
        return (report, metrics.map(\.description))
    }

    @Test(
        "the slice table has rating columns for rating metrics and ranking columns for top-N metrics, and says who answered"
    )
    func sliceColumns() throws {
        let (ratings, ratingNames) = try Self.report([.rmse])
        let onlyRatings = ReportPrinter(report: ratings, names: ratingNames).render(.table, title: "t")
        let header = try #require(onlyRatings.split(separator: "\n").first { $0.hasPrefix("slice") })
        #expect(header.contains("ratings by") && !header.contains("lists by") && !header.contains("users ranked"))
        #expect(onlyRatings.contains("baseline μ + b_u"))
        let (both, names) = try Self.report([.rmse, .ndcg(10)])
        let json = ReportPrinter(report: both, names: names).render(.json, title: "t")
        #expect(
            json.contains("\"lists_by\" : \"none (random order)\"")
                && json.contains("\"ratings_by\" : \"baseline μ + b_u\""))
        let (lists, listNames) = try Self.report([.ndcg(10)])
        let table = ReportPrinter(report: lists, names: listNames).render(.table, title: "t")
        let listHeader = try #require(table.split(separator: "\n").first { $0.hasPrefix("slice") })
        #expect(listHeader.contains("lists by") && !listHeader.contains("ratings by"))
    }
}
