import ArgumentParser
import Foundation
import Reco

/// `reco inspect`: what a model file holds.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Describe a model file: kind, hyperparameters, sizes, training summary, format version.",
        discussion: """
            Reading the file checks its magic number, format version, length and CRC-32.

            Example:
              reco inspect movielens.reco
            """
    )

    @Argument(help: ArgumentHelp("A model written by `reco train`.", valueName: "file"))
    var file: String

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
    }
}
