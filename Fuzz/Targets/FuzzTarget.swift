import Foundation

@testable import Reco
@testable import RecoServer

/// One parser under the fuzzer. Inputs reach each parser the way a user's files do: written to a
/// scratch folder (in memory under `/dev/shm` when there is one) and read through the public API;
/// inputs that hold several files separate them with a NUL byte.
enum FuzzTarget: String, CaseIterable {
    /// A delimited ratings file (CSV/TSV, quotes, BOM, CRLF, header or none): `DatasetLoader`.
    case ratings
    /// The notebook's dense matrix (`--data-format dense`).
    case dense
    /// A MovieLens folder in any of its layouts, chosen by the first byte: `c` for `ratings.csv`
    /// NUL `movies.csv` (ml-latest), `d` for `ratings.dat` NUL `movies.dat` NUL `users.dat` (1M, 10M),
    /// anything else for `u.data` NUL `u.item` NUL `u.user` (100k).
    case movielens
    /// RecBole atomic files: `x.inter` NUL `x.item` NUL `x.user`.
    case recbole
    /// An item-feature table (numeric CSV with a header, or `id<TAB>tokens`) beside small ratings.
    case features
    /// A `.reco` model file, its length and checksum set right so the body's parser is reached,
    /// then the model used: recommendations, a prediction, similar items, an explanation.
    case model
    /// A split's two files (`train.csv` NUL `test.csv`): `SplitFiles.read`.
    case splits
    /// The service's JSON bodies (ratings, posted items and users, anonymous recommendations),
    /// decoded and checked as the routes do, against a small hybrid model with features.
    case json

    func prepare() {
        _ = Scratch.folder
        if self == .json { _ = JSONBodies.model }
    }

    func run(_ bytes: [UInt8]) {
        // FoundationEssentials leaks 4 KiB each time it reads an empty file
        // (Benchmarks/lsan-suppressions.txt): at thousands of inputs a second that is the 2 GiB
        // limit within minutes, so empty files are never written (the tests cover them).
        switch self {
        case .ratings:
            load(DatasetLoader(format: .auto), files: ["ratings.csv"], bytes)
        case .dense:
            load(DatasetLoader(format: .dense), files: ["matrix.csv"], bytes)
        case .movielens:
            let files =
                switch bytes.first {
                case UInt8(ascii: "c"): ["ratings.csv", "movies.csv"]
                case UInt8(ascii: "d"): ["ratings.dat", "movies.dat", "users.dat"]
                default: ["u.data", "u.item", "u.user"]
                }
            load(DatasetLoader(), files: files, Array(bytes.dropFirst()), folder: true)
        case .recbole:
            load(DatasetLoader(), files: ["x.inter", "x.item", "x.user"], bytes, folder: true)
        case .features:
            guard !bytes.isEmpty else { return }
            let table = Scratch.write("features.tsv", bytes)
            let loader = DatasetLoader(itemFeaturesPath: table, userFeaturesPath: table)
            if let dataset = try? loader.load(Scratch.ratings) {
                // Aligning to the ratings' ids is what training does with the table.
                _ = dataset.itemFeatures
                _ = dataset.userFeatures
            }
        case .model:
            ModelFiles.run(bytes)
        case .splits:
            let parts = Scratch.parts(bytes, count: 2)
            guard !parts[0].isEmpty, !parts[1].isEmpty else { return }
            let train = Scratch.write("train.csv", parts[0])
            let test = Scratch.write("test.csv", parts[1])
            _ = try? SplitFiles.read(train: train, test: test)
        case .json:
            JSONBodies.run(bytes)
        }
    }

    private func load(_ loader: DatasetLoader, files: [String], _ bytes: [UInt8], folder: Bool = false) {
        let parts = Scratch.parts(bytes, count: files.count)
        let directory = Scratch.fresh(folder ? "dataset" : nil)
        var paths: [String] = []
        guard !parts[0].isEmpty else { return }
        for (name, part) in zip(files, parts) where !part.isEmpty {
            paths.append(Scratch.write(name, part, in: directory))
        }
        guard let dataset = try? loader.load(folder ? directory : paths[0]) else { return }
        _ = SideFeatures(dataset).trainingData(for: dataset.ratings)
        _ = DatasetSummary(dataset)
    }
}
