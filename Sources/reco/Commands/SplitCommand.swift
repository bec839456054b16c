import ArgumentParser
import Reco

/// `reco split`: write train/test files so any library can run on exactly the same data.
struct SplitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "split",
        abstract: "Write train/test split files (user<TAB>item<TAB>rating[<TAB>timestamp]).",
        discussion: """
            Writes NAME.train.tsv and NAME.test.tsv per split into --out: fold-1 … fold-K for kfold, else \
            holdout, per-user, temporal, time-cutoff, cold-items or cold-users. temporal holds out each user's \
            latest --fraction of ratings by timestamp; time-cutoff every rating at or after --before DATE (or, \
            without --before, the latest --fraction of all ratings). The cold splits hold out a fraction of the items \
            (or users) with every rating they have, so the test set measures cold start. Feeding them back through `reco evaluate --train --test` \
            reproduces the numbers of the in-memory split to the last digit.

            Example:
              reco split --data ../shared/data/ml-100k --method kfold --folds 5 --seed 42 --out splits/
              reco split --data ../shared/data/ml-100k --method time-cutoff --before 1998-03-01 --out splits/
            """
    )

    enum Method: String, ExpressibleByArgument, CaseIterable {
        case kfold, holdout
        case perUser = "per-user"
        case temporal
        case timeCutoff = "time-cutoff"
        case coldItems = "cold-items"
        case coldUsers = "cold-users"
    }

    @OptionGroup var dataOptions: DataOptions

    @Option(help: "kfold, holdout, per-user, temporal, time-cutoff, cold-items or cold-users.")
    var method: Method

    @Option(help: "Folds for kfold.")
    var folds: Int = 5

    @Option(
        help:
            "Held-out fraction: of the ratings (holdout, time-cutoff without --before), of each user's (per-user, temporal), of the items or users (cold-items, cold-users)."
    )
    var fraction: Double = 0.2

    @Option(
        help: ArgumentHelp(
            "With time-cutoff: test on the ratings at or after this date (1998-03-01, an ISO 8601 time, or seconds since 1970).",
            valueName: "date"))
    var before: TimeCutoff?

    /// Before temporal meant the latest fraction of all ratings, this flag chose each user's; it is now what temporal does.
    @Flag(help: .hidden)
    var temporalPerUser = false

    @OptionGroup var seedOption: SeedOption

    @Option(help: ArgumentHelp("Folder to write the files into.", valueName: "folder"))
    var out: String

    func validate() throws {
        if method == .kfold && folds < 2 { throw ValidationError("--folds needs at least 2 folds") }
        if !(fraction > 0 && fraction < 1) { throw ValidationError("--fraction must be between 0 and 1, e.g. 0.2") }
        if before != nil && method != .timeCutoff { throw ValidationError("--before goes with --method time-cutoff") }
    }

    func run() throws {
        let ratings = try dataOptions.load().ratings
        let seed = seedOption.seed
        let splits: [(String, TrainTestSplit)]
        switch method {
        case .kfold:
            splits = Splitter.kFold(ratings, folds: folds, seed: seed).enumerated().map {
                ("fold-\($0.offset + 1)", $0.element)
            }
        case .holdout:
            splits = [("holdout", Splitter.holdout(ratings, testFraction: fraction, seed: seed))]
        case .perUser:
            splits = [("per-user", Splitter.perUser(ratings, testFraction: fraction, seed: seed))]
        case .temporal:
            splits = [("temporal", try Splitter.temporal(ratings, testFraction: fraction, perUser: true))]
        case .timeCutoff:
            let split =
                try before.map { cutoff throws(ModelError) in try Splitter.timeCutoff(ratings, before: cutoff.seconds) }
                ?? Splitter.temporal(ratings, testFraction: fraction, perUser: false)
            splits = [("time-cutoff", split)]
        case .coldItems:
            splits = [("cold-items", Splitter.coldItems(ratings, fraction: fraction, seed: seed))]
        case .coldUsers:
            splits = [("cold-users", Splitter.coldUsers(ratings, fraction: fraction, seed: seed))]
        }
        var table = TextTable(["split", "train", "test", "cold users", "cold items", "files"], leftAligned: [0, 5])
        for (name, split) in splits {
            let paths = try SplitFiles.write(split, to: out, name: name)
            table.add([
                name, "\(split.train.count)", "\(split.test.count)", "\(split.coldUsers)", "\(split.coldItems)",
                "\(paths.train), \(paths.test)",
            ])
        }
        print(table.render())
    }
}
