import ArgumentParser
import Foundation
import Reco

/// `reco export-spark`: ratings as Spark's ALS reads them, for training on a cluster.
struct ExportSparkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export-spark",
        abstract: "Write ratings for Spark's ALS: integer indices, id maps and titles, in CSV (docs/scale-out.md).",
        discussion: """
            Writes into --out: ratings.csv (user,item,rating[,timestamp], 0-based integer indices, as Spark's ALS \
            needs Int ids), users.csv (index,id), items.csv (index,id,title) and manifest.json, written last. With \
            --test FILE, --folds K --fold N, --holdout F or --per-user F it also writes test.csv, held-out ratings in \
            the same index space (the split is the one `reco split` and `reco evaluate` cut with the same seed). \
            Every file is streamed to disk and put in place atomically.

            Train it with spark/reco_als.py, bring it back with `reco import-spark`.

            Examples:
              reco export-spark --data ../shared/data/ml-100k --out export/
              reco export-spark --data ../shared/data/ml-100k --folds 5 --fold 1 --seed 42 --out fold-1/
              reco export-spark --data big/ratings.csv --test big/test.csv --out export/
            """
    )

    @OptionGroup var dataOptions: DataOptions

    @Option(
        help: ArgumentHelp(
            "Held-out ratings to export beside (ids --data does not know are left out, and counted).",
            valueName: "file"))
    var test: String?

    @Option(help: "Cut K folds and export fold --fold as training and test.")
    var folds: Int?

    @Option(help: "Which fold of --folds to export (1-based).")
    var fold: Int = 1

    @Option(help: "Hold out this random fraction of the ratings as the test set.")
    var holdout: Double?

    @Option(name: .customLong("per-user"), help: "Hold out this fraction of each user's ratings (the top-N protocol).")
    var perUser: Double?

    @OptionGroup var seedOption: SeedOption

    @Option(help: ArgumentHelp("Folder to write the export into.", valueName: "folder"))
    var out: String

    func validate() throws {
        let chosen = [test != nil, folds != nil, holdout != nil, perUser != nil].filter { $0 }.count
        guard chosen <= 1 else {
            throw ValidationError("choose at most one of --test, --folds, --holdout and --per-user")
        }
        if let folds {
            guard folds >= 2 else { throw ValidationError("--folds needs at least 2 folds") }
            guard (1...folds).contains(fold) else { throw ValidationError("--fold must be between 1 and \(folds)") }
        }
        for (name, value) in [("--holdout", holdout), ("--per-user", perUser)] {
            if let value, !(value > 0 && value < 1) {
                throw ValidationError("\(name) takes a fraction between 0 and 1, e.g. 0.2")
            }
        }
    }

    func run() throws {
        let path = try dataOptions.path()
        let dataset = try dataOptions.load()
        let seed = seedOption.seed
        var train = dataset.ratings
        var test: RatingMatrix?
        var note = ""
        if let testPath = self.test {
            let read = try SplitFiles.readTest(testPath, over: train)
            test = read.test
            if read.unknown > 0 { note = " (\(read.unknown) test ratings of ids --data does not know left out)" }
        } else if let split = try split(dataset.ratings, seed: seed) {
            train = split.train
            test = split.test
        }
        let titles =
            dataset.itemTitles.isEmpty
            ? [] : (0..<train.itemCount).map { dataset.titlesByID[train.itemIDs.id(at: $0)] ?? "" }
        let manifest = try SparkExport.write(
            train: train, test: test, itemTitles: titles, source: describe(path, seed: seed), to: out)
        print(
            "Exported \(manifest.ratings) ratings of \(manifest.users) users and \(manifest.items) items"
                + (manifest.testRatings.map { ", \($0) test ratings" } ?? "") + note + " to \(out)")
    }

    private func split(_ ratings: RatingMatrix, seed: UInt64) throws -> TrainTestSplit? {
        if let folds { return Splitter.kFold(ratings, folds: folds, seed: seed)[fold - 1] }
        if let holdout { return Splitter.holdout(ratings, testFraction: holdout, seed: seed) }
        if let perUser { return Splitter.perUser(ratings, testFraction: perUser, seed: seed) }
        return nil
    }

    private func describe(_ path: String, seed: UInt64) -> String {
        if let test { return "\(path) + test \(test)" }
        if let folds { return "\(path), fold \(fold) of \(folds), seed \(seed)" }
        if let holdout { return "\(path), holdout \(holdout), seed \(seed)" }
        if let perUser { return "\(path), per-user \(perUser), seed \(seed)" }
        return path
    }
}
