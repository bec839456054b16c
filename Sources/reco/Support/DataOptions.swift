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
            "Item features instead of the data's genres: numeric CSV (id,feature1,... with a header) or categorical "
                + "id<TAB>token token ... lines. Ids without ratings are new items the feature models can serve.",
            valueName: "path"))
    var itemFeatures: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "User features instead of the data's age, gender and occupation, in either layout of --item-features.",
            valueName: "path"))
    var userFeatures: String?

    @Flag(help: "Add five-year release buckets (released=1995-1999) to MovieLens item features.")
    var releaseYears = false

    /// The path of `--data`, or an error saying it is needed.
    func path() throws -> String {
        guard let data else {
            throw ValidationError("give --data PATH: a ratings file or a folder (e.g. ../shared/data/ml-100k)")
        }
        return data
    }

    /// Loads the data the flags name.
    func load() throws -> Dataset {
        try DatasetLoader(
            format: dataFormat, itemFeaturesPath: itemFeatures, userFeaturesPath: userFeatures,
            releaseYears: releaseYears
        ).load(path())
    }
}
