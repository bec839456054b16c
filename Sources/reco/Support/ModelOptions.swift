import ArgumentParser
import Reco

/// The model and its hyperparameters, as every training command takes them.
struct ModelOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The model: \(ModelRegistry.standard.names.joined(separator: ", ")). `reco models` lists each one's parameters.",
            valueName: "name"))
    var model: String?

    @Option(
        help: ArgumentHelp(
            "A tuned model instead of --model: \(ModelPreset.all.map { "\($0.name) (\($0.summary))" }.joined(separator: "; ")).",
            valueName: "name"))
    var preset: String?

    @Option(help: ArgumentHelp("Latent factors k (\(Self.models(with: "factors"))).", valueName: "k"))
    var factors: Int?

    @Option(
        help: ArgumentHelp("Epochs, iterations or gradient steps (\(Self.models(with: "epochs"))).", valueName: "n"))
    var epochs: Int?

    @Option(help: ArgumentHelp("Learning rate (\(Self.models(with: "learning-rate"))).", valueName: "η"))
    var learningRate: Double?

    @Option(help: ArgumentHelp("L2 regularization λ (\(Self.models(with: "regularization"))).", valueName: "λ"))
    var regularization: Double?

    @Option(help: ArgumentHelp("Neighbours (\(Self.models(with: "neighbors"))).", valueName: "k"))
    var neighbors: Int?

    @Option(help: ArgumentHelp("Item similarity for implicit-knn: cosine, tfidf or bm25.", valueName: "name"))
    var similarity: String?

    @Option(help: ArgumentHelp("Threads (\(Self.models(with: "threads"))); default: every core.", valueName: "n"))
    var threads: Int?

    @Option(
        name: .customLong("param"),
        help: ArgumentHelp(
            "Any hyperparameter as key=value (repeatable); `reco models` lists them.", valueName: "key=value"))
    var extraParameters: [String] = []

    @Option(help: ArgumentHelp("A parameters file (key=value lines, as `reco tune` writes).", valueName: "file"))
    var params: String?

    /// Exactly one of --model and --preset (checked by the commands that train, so `reco evaluate
    /// --model-file` can take neither).
    func requireModel() throws {
        guard (model == nil) != (preset == nil) else {
            throw ValidationError("give --model NAME or --preset NAME (one of them)")
        }
    }

    /// The models that declare `key`, for help texts.
    static func models(with key: String) -> String {
        ModelRegistry.standard.kinds.filter { $0.hasParameter(key) }.map(\.name).joined(separator: ", ")
    }

    /// The chosen model kind.
    func kind() throws -> ModelKind {
        if let preset { return try ModelPreset.named(preset).kind }
        return try ModelRegistry.standard.kind(named: model ?? "")
    }

    /// The preset's parameters, then the file, then --param, then the named flags (later wins); the
    /// command's `seed` when the model has a seed and none was given. Checked against the model's
    /// declarations before any data is read.
    ///
    /// - Throws: `ModelError` naming a parameter the model does not have or a bad value.
    func parameters(seed: UInt64) throws -> ModelParameters {
        let kind = try kind()
        var result = try preset.map { try ModelPreset.named($0).parameters } ?? ModelParameters()
        result = result.merging(try params.map { try ModelParameters.load($0) } ?? ModelParameters())
        result = result.merging(try ModelParameters.parse(extraParameters.joined(separator: ";"), source: "--param"))
        let flags: [(String, String?)] = [
            ("factors", factors.map { "\($0)" }), ("epochs", epochs.map { "\($0)" }),
            ("learning-rate", learningRate.map { "\($0)" }), ("regularization", regularization.map { "\($0)" }),
            ("neighbors", neighbors.map { "\($0)" }), ("threads", threads.map { "\($0)" }), ("similarity", similarity),
        ]
        for case let (key, value?) in flags { result[key] = value }
        if result["seed"] == nil && kind.hasParameter("seed") { result["seed"] = String(seed) }
        try kind.validate(result)
        return result
    }
}
