import ArgumentParser
import Reco

/// The model and its hyperparameters, as every training command takes them.
struct ModelOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The model: \(ModelKind.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "name"))
    var model: String?

    @Option(
        help: ArgumentHelp(
            "A tuned model instead of --model: \(ModelPreset.all.map { "\($0.name) (\($0.summary))" }.joined(separator: "; ")).",
            valueName: "name"))
    var preset: String?

    @Option(help: "Latent factors (k).")
    var factors: Int?

    @Option(help: "Epochs or gradient-descent steps.")
    var epochs: Int?

    @Option(help: "Learning rate (gradient descent, SGD).")
    var learningRate: Double?

    @Option(help: "L2 regularization λ.")
    var regularization: Double?

    @Option(help: "Neighbours per prediction (item-knn).")
    var neighbors: Int?

    @Option(help: "Item similarity for implicit-knn: cosine, tfidf or bm25.")
    var similarity: String?

    @Option(help: "Threads for models that split work over cores (default: all cores).")
    var threads: Int?

    @Option(name: .customLong("param"), help: ArgumentHelp("Any hyperparameter as key=value (repeatable).", valueName: "key=value"))
    var extraParameters: [String] = []

    @Option(help: ArgumentHelp("A parameters file (key=value lines, as `reco tune` writes).", valueName: "file"))
    var params: String?

    func validate() throws {
        guard (model == nil) != (preset == nil) else { throw ValidationError("give --model NAME or --preset NAME (one of them)") }
    }

    /// The parsed model kind.
    func kind() throws -> ModelKind {
        if let preset { return try ModelPreset.named(preset).kind }
        return try ModelKind(parsing: model ?? "")
    }

    /// The preset's parameters, then the file, then --param, then the named flags (later wins).
    func parameters() throws -> ModelParameters {
        var result = try preset.map { try ModelPreset.named($0).parameters } ?? ModelParameters()
        result = result.merging(try params.map { try ModelParameters.load($0) } ?? ModelParameters())
        result = result.merging(try ModelParameters.parse(extraParameters.joined(separator: ";"), source: "--param"))
        if let factors { result["factors"] = String(factors) }
        if let epochs { result["epochs"] = String(epochs) }
        if let learningRate { result["learning-rate"] = String(learningRate) }
        if let regularization { result["regularization"] = String(regularization) }
        if let neighbors { result["neighbors"] = String(neighbors) }
        if let threads { result["threads"] = String(threads) }
        if let similarity { result["similarity"] = similarity }
        return result
    }
}
