import ArgumentParser
import Reco

/// How `reco evaluate` and `reco tune` divide the data: exactly one protocol.
struct SplitOptions: ParsableArguments {
    @Option(help: "k-fold cross-validation with K folds.")
    var folds: Int?

    @Option(help: "Random holdout of this fraction of all ratings.")
    var holdout: Double?

    @Option(name: .customLong("per-user"), help: "Hold out this fraction of each user's ratings (the top-N protocol).")
    var perUser: Double?

    @Option(help: "Hold out the latest fraction of each user's ratings by timestamp.")
    var temporal: Double?

    /// Before --temporal meant the latest fraction of all ratings, this flag chose each user's; it is now what --temporal does.
    @Flag(help: .hidden)
    var temporalPerUser = false

    @Option(
        help: ArgumentHelp(
            "Hold out every rating at or after this date (1998-03-01, an ISO 8601 time, or seconds since 1970).",
            valueName: "date"))
    var before: TimeCutoff?

    @Option(help: "Hold out this fraction of the items with every rating they have (cold items).")
    var coldItems: Double?

    @Option(help: "Hold out this fraction of the users with every rating they gave (cold users).")
    var coldUsers: Double?

    @Option(
        help: ArgumentHelp("A ready-made training file (user<TAB>item<TAB>rating[<TAB>timestamp]).", valueName: "file"))
    var train: String?

    @Option(help: ArgumentHelp("The test file that goes with --train.", valueName: "file"))
    var test: String?

    func validate() throws {
        let chosen = [
            folds != nil, holdout != nil, perUser != nil, temporal != nil, before != nil, coldItems != nil,
            coldUsers != nil, train != nil || test != nil,
        ].filter { $0 }.count
        guard chosen == 1 else {
            throw ValidationError(
                "choose exactly one protocol: --folds K, --holdout F, --per-user F, --temporal F, --before DATE, "
                    + "--cold-items F, --cold-users F, or --train A --test B")
        }
        // --test alone is `reco evaluate --model-file`'s; `splits` refuses it elsewhere.
        if train != nil && test == nil { throw ValidationError("--train and --test go together") }
        if let folds, folds < 2 { throw ValidationError("--folds needs at least 2 folds") }
        for (name, value) in [
            ("--holdout", holdout), ("--per-user", perUser), ("--temporal", temporal), ("--cold-items", coldItems),
            ("--cold-users", coldUsers),
        ] {
            if let value, !(value > 0 && value < 1) {
                throw ValidationError("\(name) takes a fraction between 0 and 1, e.g. 0.2")
            }
        }
    }

    /// Whether the splits come from files rather than from --data.
    var usesFiles: Bool { train != nil }

    /// A one-line description of the protocol with `seed`.
    func protocolDescription(seed: UInt64) -> String {
        if let folds { return "\(folds)-fold cross-validation, seed \(seed)" }
        if let holdout { return "random holdout of \(holdout), seed \(seed)" }
        if let perUser { return "per-user holdout of \(perUser), seed \(seed)" }
        if let temporal { return "temporal holdout of the latest \(temporal) of each user's ratings" }
        if let before { return "time cutoff: the ratings from \(before) on held out" }
        if let coldItems { return "cold items: \(coldItems) of the items held out, seed \(seed)" }
        if let coldUsers { return "cold users: \(coldUsers) of the users held out, seed \(seed)" }
        return "train \(train ?? "") / test \(test ?? "")"
    }

    /// The splits of `ratings` (nil when reading files), cut with `seed`.
    func splits(of ratings: RatingMatrix?, seed: UInt64) throws -> [TrainTestSplit] {
        if let train, let test { return [try SplitFiles.read(train: train, test: test)] }
        if test != nil { throw ValidationError("--test goes with --train (or, in reco evaluate, --model-file)") }
        guard let ratings else { throw ValidationError("give --data, or --train and --test") }
        if let folds { return Splitter.kFold(ratings, folds: folds, seed: seed) }
        if let holdout { return [Splitter.holdout(ratings, testFraction: holdout, seed: seed)] }
        if let perUser { return [Splitter.perUser(ratings, testFraction: perUser, seed: seed)] }
        if let temporal { return [try Splitter.temporal(ratings, testFraction: temporal, perUser: true)] }
        if let before { return [try Splitter.timeCutoff(ratings, before: before.seconds)] }
        if let coldItems { return [Splitter.coldItems(ratings, fraction: coldItems, seed: seed)] }
        if let coldUsers { return [Splitter.coldUsers(ratings, fraction: coldUsers, seed: seed)] }
        throw ValidationError("choose a protocol")
    }
}
