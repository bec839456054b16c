import ArgumentParser
import Reco

/// `--model FILE`: a model written by `reco train`.
struct ModelFileOption: ParsableArguments {
    @Option(help: ArgumentHelp("A model written by `reco train`.", valueName: "file"))
    var model: String

    /// Reads the model file.
    func load() throws -> SavedModel { try SavedModel.read(model) }
}
