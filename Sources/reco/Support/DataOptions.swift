public import ArgumentParser
public import Reco

extension DataFormat: ExpressibleByArgument {}

/// Where a command reads ratings from: `--data`, its format, and item features.
struct DataOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp("Ratings to read: a file or a folder (MovieLens, RecBole, CSV/TSV).", valueName: "path"))
    var data: String?

    @Option(name: .long, help: "How to read --data: auto, movielens, recbole, csv or dense.")
    var dataFormat: DataFormat = .auto

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A numeric item-feature CSV (item,feature1,feature2,... with a header) to use instead of the data's genres.",
            valueName: "path"))
    var itemFeatures: String?

    /// The path of `--data`, or an error saying it is needed.
    func path() throws -> String {
        guard let data else {
            throw ValidationError("give --data PATH: a ratings file or a folder (e.g. ../shared/data/ml-100k)")
        }
        return data
    }

    /// Loads the data the flags name.
    func load() throws -> Dataset {
        try DatasetLoader(format: dataFormat, itemFeaturesPath: itemFeatures).load(path())
    }
}
