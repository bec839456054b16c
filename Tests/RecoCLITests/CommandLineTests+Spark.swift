import ArgumentParser
import Foundation
import Reco
import RecoTestSupport
import Testing

@testable import reco

/// `reco export-spark`, `reco import-spark` and what the round trip needs from the other commands:
/// `evaluate --model-file` (and `--lists`), `predict --unclipped`, `recommend --all-users --include-rated`.
extension CommandLineTests {
    static let sparkRatings = Fixtures.plantedLowRank(users: 30, items: 20, rank: 2, density: 0.5, seed: 17)

    @Test func sparkCommandLines() throws {
        let export = try parse(
            ["export-spark", "--data", "ml", "--folds", "5", "--fold", "2", "--out", "e"], as: ExportSparkCommand.self)
        #expect(export.folds == 5 && export.fold == 2 && export.out == "e")
        #expect(
            refusal(["export-spark", "--data", "ml", "--folds", "5", "--per-user", "0.2", "--out", "e"]).contains(
                "choose at most one of --test, --folds, --holdout and --per-user"))
        #expect(
            refusal(["export-spark", "--data", "ml", "--folds", "5", "--fold", "6", "--out", "e"]).contains(
                "--fold must be between 1 and 5"))
        #expect(refusal(["export-spark", "--data", "ml"]).contains("--out"))
        let importing = try parse(["import-spark", "s", "--out", "m.reco"], as: ImportSparkCommand.self)
        #expect(importing.folder == "s" && importing.export == nil)
        let evaluate = try parse(
            ["evaluate", "--model-file", "m.reco", "--test", "t.tsv", "--lists", "l.tsv"], as: EvaluateCommand.self)
        #expect(evaluate.modelFile == "m.reco" && evaluate.lists == "l.tsv")
        #expect(
            refusal(["evaluate", "--model-file", "m.reco", "--test", "t.tsv", "--model", "als"]).contains(
                "--model-file takes --test FILE alone"))
        #expect(
            refusal(["evaluate", "--data", "ml", "--model", "als", "--folds", "5", "--lists", "l"]).contains(
                "--lists goes with --model-file"))
        #expect(
            try parse(
                ["predict", "--model", "m", "--user", "1", "--item", "2", "--unclipped"], as: PredictCommand.self
            ).unclipped)
    }

    @Test("a failed import writes nothing and keeps the file it would have replaced")
    func failedImportWritesNothing() throws {
        let fixture = try SparkFixture(ratings: Self.sparkRatings) { users, _, _ in
            users[3] = "{\"id\":3,\"features\":[1,NaN,2]}"
        }
        let folder = Fixtures.temporaryFolder()
        let target = folder + "/m.reco"
        for existing in [false, true] {
            if existing { Fixtures.file("m.reco", "the old model", in: folder) }
            let command = try parse(["import-spark", fixture.factors, "--out", target], as: ImportSparkCommand.self)
            let error = #expect(throws: (any Error).self) { try command.run() }
            #expect("\(error.map { "\($0)" } ?? "")".contains("index 3 has a factor that is not a finite number: NaN"))
            #expect(RecoCommand.exitCode(for: error!) == .failure)
            let files = try FileManager.default.contentsOfDirectory(atPath: folder)
            #expect(files == (existing ? ["m.reco"] : []), "no temporary file is left either")
            if existing { #expect(try String(contentsOfFile: target, encoding: .utf8) == "the old model") }
        }
    }

    @Test("export, import, then evaluate the imported model and its own lists by the same code")
    func roundTripThroughTheCommands() throws {
        let split = Splitter.perUser(Self.sparkRatings, testFraction: 0.3, seed: 2)
        let fixture = try SparkFixture(ratings: split.train)
        let folder = Fixtures.temporaryFolder()
        let importing = try parse(
            ["import-spark", fixture.factors, "--out", folder + "/m.reco"], as: ImportSparkCommand.self)
        try importing.run()
        let saved = try SavedModel.read(folder + "/m.reco")
        #expect(saved.model.predict(user: 7, item: 2) == fixture.model.predict(user: 7, item: 2))
        // With --include-rated the lists keep what users rated; without, they leave it out.
        let kept = saved.model.recommendAll(count: 20, excludingRatedIn: nil)
        let left = saved.model.recommendAll(count: 20, excludingRatedIn: saved.training)
        #expect(kept[0].count == 20 && left[0].count == 20 - saved.training.ratingCount(ofUser: 0))
        // Lists written the way `recommend --all-users` writes them score as the model does.
        var lines = ""
        for (user, list) in left.enumerated() {
            for (rank, entry) in list.prefix(5).enumerated() {
                lines +=
                    "\(saved.training.userIDs.id(at: user))\t\(rank + 1)\t\(saved.training.itemIDs.id(at: entry.item))\t\(entry.score)\n"
            }
        }
        let test = try SplitFiles.write(split, to: folder, name: "s").test
        let lists = Fixtures.file("lists.tsv", lines, in: folder)
        let read = try SplitFiles.readTest(test, over: saved.training)
        #expect(read.unknown == 0 && read.test.count == split.test.count)
        let evaluator = Evaluator(metrics: [.ndcg(5), .precision(5)])
        let splitOverModel = TrainTestSplit(train: saved.training, test: read.test, name: "t")
        let ofModel = evaluator.score(saved.model, on: splitOverModel).values
        let ofLists = evaluator.score(
            try RankedLists.read(lists, users: saved.training.userIDs, items: saved.training.itemIDs),
            on: splitOverModel
        ).values
        #expect(ofModel == ofLists)
        #expect(ofModel[0] > 0)
    }
}
