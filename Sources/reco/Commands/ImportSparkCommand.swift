import ArgumentParser
import Reco

/// `reco import-spark`: a model file from factors Spark's ALS trained on an export.
struct ImportSparkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-spark",
        abstract: "Build a model file from the factors spark/reco_als.py wrote (docs/scale-out.md).",
        discussion: """
            Reads FOLDER/manifest.json, FOLDER/user-factors and FOLDER/item-factors (Spark's JSON part files, \
            or .jsonl files of {"id": index, "features": [...]} lines) and the export they were trained on (the \
            manifest names it; --export overrides), checks every count, rank and index, and writes an als model \
            (implicit-als with --implicit on the Spark side) that recommend, similar, predict, explain, evaluate \
            --model-file and serve use like one `reco train` wrote. The file is written atomically: on any error \
            nothing is written.

            Example:
              reco import-spark spark-out/ --out movielens-spark.reco
            """
    )

    @Argument(help: ArgumentHelp("The folder spark/reco_als.py wrote (--output).", valueName: "folder"))
    var folder: String

    @Option(help: ArgumentHelp("The export folder, if not the one the manifest names.", valueName: "folder"))
    var export: String?

    @Option(help: ArgumentHelp("Where to write the model.", valueName: "file"))
    var out: String

    func run() throws {
        let saved = try SparkImport.read(factors: folder, export: export)
        try saved.write(to: out)
        let vectors = saved.model.userVectors?.columns ?? 0
        print(
            "Imported \(saved.kind.name) (rank \(vectors)) for \(saved.training.userCount) users and "
                + "\(saved.training.itemCount) items, \(saved.training.count) training ratings: \(out)")
    }
}
