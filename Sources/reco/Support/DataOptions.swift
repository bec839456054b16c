public import ArgumentParser
public import Reco

extension DataFormat: ExpressibleByArgument {}

/// The flags every command that reads ratings shares.
struct DataOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Ratings to read: a file or a folder.", valueName: "path"))
    var data: String

    @Option(name: .long, help: "auto, movielens, recbole, csv or dense.")
    var dataFormat: DataFormat = .auto

    @Option(name: .long, help: ArgumentHelp("A numeric item-feature CSV (item,f1,f2,...) to use instead of genres.", valueName: "path"))
    var itemFeatures: String?

    /// Loads the data the flags name.
    func load() throws -> Dataset {
        try DatasetLoader(format: dataFormat, itemFeaturesPath: itemFeatures).load(data)
    }
}

/// Output formats for tables.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
}
