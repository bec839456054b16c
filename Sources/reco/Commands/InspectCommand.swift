import ArgumentParser
import Foundation
import Reco

/// `reco inspect`: what a model file holds.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Describe a model file: kind, hyperparameters, sizes, training summary, format version.",
        discussion: """
            Reading the file checks its magic number, format version, length and CRC-32. --export-factors             writes the model's user and item vectors (for factor models) as user-factors.tsv and             item-factors.tsv, one id<TAB>v1<TAB>v2... line each, for other tools (Benchmarks/compare_explain.py             loads them into implicit).

            Examples:
              reco inspect movielens.reco
              reco inspect implicit.reco --export-factors factors/
            """
    )

    @Argument(help: ArgumentHelp("A model written by `reco train`.", valueName: "file"))
    var file: String

    @Option(help: ArgumentHelp("Write the user and item vectors as TSV files into this folder.", valueName: "folder"))
    var exportFactors: String?

    func run() throws {
        let start = ContinuousClock.now
        let saved = try SavedModel.read(file)
        let seconds = secondsElapsed(since: start)
        let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
        let training = saved.training
        let scale =
            training.ratingScale.map { "\(compactNumber($0.lowerBound)) to \(compactNumber($0.upperBound))" } ?? "none"
        var lines = [
            "File          \(file) (\(fixed(Double(size) / 1_048_576, 2)) MiB, format version \(ModelFile.formatVersion), CRC-32 verified, loaded in \(fixed(seconds * 1000, 1)) ms)",
            "Model         \(saved.kind.name): \(saved.kind.summary)",
            "Parameters    \(saved.parameters.description.isEmpty ? "(defaults)" : saved.parameters.description) (as given)",
            "Configuration \(saved.model.configurationParameters.description.isEmpty ? "(none)" : saved.model.configurationParameters.description)",
            "Users         \(training.userCount)",
            "Items         \(training.itemCount)\(saved.itemTitles.isEmpty ? "" : " (with titles)")",
        ]
        if let vectors = saved.model.itemVectors { lines.append("Item vectors  \(vectors.columns) dimensions") }
        lines += [
            "Training      \(training.count) ratings, mean \(fixed(training.globalMean, 3)), scale \(scale), density \(fixed(training.density * 100, 3))%",
            "Trained at    \(saved.trainedAt)",
            "Source        \(saved.source.isEmpty ? "(unknown)" : saved.source)",
        ]
        print(lines.joined(separator: "\n"))
        if let folder = exportFactors { try export(saved, to: folder) }
    }

    /// user-factors.tsv and item-factors.tsv in `folder`, each written whole or not at all.
    private func export(_ saved: SavedModel, to folder: String) throws {
        guard let users = saved.model.userVectors, let items = saved.model.itemVectors else {
            throw CommandError("\(saved.kind.name) has no user and item vectors to export")
        }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for (name, matrix, ids) in [
            ("user-factors.tsv", users, saved.training.userIDs), ("item-factors.tsv", items, saved.training.itemIDs),
        ] {
            var text = ""
            for row in 0..<matrix.rows {
                text += ids.id(at: row) + "\t" + matrix.row(row).map { "\($0)" }.joined(separator: "\t") + "\n"
            }
            let path = (folder as NSString).appendingPathComponent(name)
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            } catch {
                throw CommandError("\(path): cannot write: \(error.localizedDescription)")
            }
            print("Wrote \(path) (\(matrix.rows) × \(matrix.columns))")
        }
    }
}
