import Foundation

/// Reads ratings (and item titles and features, when present) from any supported layout.
///
/// ```
/// let dataset = try DatasetLoader().load("../shared/data/ml-100k")      // RecBole atomic files
/// let notebook = try DatasetLoader(format: .dense).load("Y.csv")         // the notebook's matrix
/// ```
///
/// Every malformed row is reported with its file, line and text; nothing is skipped silently.
public struct DatasetLoader: Sendable {
    /// The layout to read; `.auto` detects it.
    public var format: DataFormat
    /// An item-feature file (`FeatureTable.read`: numeric CSV with a header, or `id<TAB>tokens`)
    /// that replaces the genres of the source.
    public var itemFeaturesPath: String?
    /// A user-feature file, likewise, that replaces the demographics of the source.
    public var userFeaturesPath: String?
    /// Whether MovieLens item features get five-year release buckets ("released 1995-1999")
    /// besides the genres.
    public var releaseYears: Bool

    /// Creates a loader.
    public init(
        format: DataFormat = .auto, itemFeaturesPath: String? = nil, userFeaturesPath: String? = nil,
        releaseYears: Bool = false
    ) {
        self.format = format
        self.itemFeaturesPath = itemFeaturesPath
        self.userFeaturesPath = userFeaturesPath
        self.releaseYears = releaseYears
    }

    /// Loads the dataset at `path` (a file or a folder).
    public func load(_ path: String) throws(DataError) -> Dataset {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .fileNotFound(path: path)
        }
        var dataset: Dataset
        switch format {
        case .dense:
            guard !isDirectory.boolValue else {
                throw .unknownFormat(path: path, reason: "a dense matrix is one CSV file, not a folder")
            }
            dataset = try DenseRatings.load(path).dataset
        case .csv:
            guard !isDirectory.boolValue else {
                throw .unknownFormat(path: path, reason: "--data-format csv reads one file, not a folder")
            }
            dataset = try loadDelimited(path)
        case .movielens:
            dataset = try loadMovieLens(path, isDirectory: isDirectory.boolValue)
        case .recbole:
            dataset = try loadRecBole(path, isDirectory: isDirectory.boolValue)
        case .auto:
            dataset = try loadDetected(path, isDirectory: isDirectory.boolValue)
        }
        if let itemFeaturesPath {
            dataset.itemFeatureTable = try FeatureTable.read(itemFeaturesPath)
            dataset.files.append(itemFeaturesPath)
        }
        if let userFeaturesPath {
            dataset.userFeatureTable = try FeatureTable.read(userFeaturesPath)
            dataset.files.append(userFeaturesPath)
        }
        return dataset
    }

    private func loadDetected(_ path: String, isDirectory: Bool) throws(DataError) -> Dataset {
        let name = (path as NSString).lastPathComponent
        if isDirectory {
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            if ["u.data", "ratings.csv", "ratings.dat"].contains(where: entries.contains) {
                return try loadMovieLens(path, isDirectory: true)
            }
            if entries.contains(where: { $0.hasSuffix(".inter") }) {
                return try loadRecBole(path, isDirectory: true)
            }
            throw .unknownFormat(
                path: path,
                reason: "no u.data, ratings.csv, ratings.dat or *.inter in this folder; name a ratings file instead")
        }
        if name.hasSuffix(".inter") { return try loadRecBole(path, isDirectory: false) }
        if name == "u.data" || name == "ratings.dat" || name == "ratings.csv" {
            return try loadMovieLens((path as NSString).deletingLastPathComponent, isDirectory: true, ratingsFile: path)
        }
        return try loadDelimited(path)
    }

    // MARK: - MovieLens

    private func loadMovieLens(
        _ path: String, isDirectory: Bool, ratingsFile: String? = nil
    ) throws(DataError) -> Dataset {
        let folder = isDirectory ? path : (path as NSString).deletingLastPathComponent
        func inFolder(_ name: String) -> String { (folder as NSString).appendingPathComponent(name) }
        func exists(_ file: String) -> Bool { FileManager.default.fileExists(atPath: file) }
        let chosen = ratingsFile ?? (isDirectory ? nil : path)
        if let file = chosen ?? (exists(inFolder("u.data")) ? inFolder("u.data") : nil), file.hasSuffix("u.data") {
            let text = try DelimitedText(path: file)
            var reader = RatingReader(file: file)
            try reader.read(text, separator: .byte(0x09), header: .absent)
            var metadata = ItemMetadata()
            var users = UserMetadata()
            var files = [file]
            if exists(inFolder("u.item")) {
                try metadata.readMovieLens100kItems(inFolder("u.item"))
                files.append(inFolder("u.item"))
            }
            if exists(inFolder("u.user")) {
                try users.readMovieLens100kUsers(inFolder("u.user"))
                files.append(inFolder("u.user"))
            }
            return reader.dataset(
                metadata: metadata, users: users, releaseYears: releaseYears, format: .movielens, files: files)
        }
        if let file = chosen ?? (exists(inFolder("ratings.csv")) ? inFolder("ratings.csv") : nil),
            file.hasSuffix(".csv")
        {
            let text = try DelimitedText(path: file)
            var reader = RatingReader(file: file)
            try reader.read(text, separator: .byte(UInt8(ascii: ",")), header: .detect)
            var metadata = ItemMetadata()
            var files = [file]
            if exists(inFolder("movies.csv")) {
                try metadata.readMovieList(inFolder("movies.csv"), separator: .byte(UInt8(ascii: ",")), header: true)
                files.append(inFolder("movies.csv"))
            }
            return reader.dataset(
                metadata: metadata, users: UserMetadata(), releaseYears: releaseYears, format: .movielens, files: files)
        }
        if let file = chosen ?? (exists(inFolder("ratings.dat")) ? inFolder("ratings.dat") : nil),
            file.hasSuffix(".dat")
        {
            let text = try DelimitedText(path: file)
            var reader = RatingReader(file: file)
            try reader.read(text, separator: .doubleColon, header: .absent)
            var metadata = ItemMetadata()
            var users = UserMetadata()
            var files = [file]
            if exists(inFolder("movies.dat")) {
                try metadata.readMovieList(inFolder("movies.dat"), separator: .doubleColon, header: false)
                files.append(inFolder("movies.dat"))
            }
            if exists(inFolder("users.dat")) {
                try users.readMovieLens1MUsers(inFolder("users.dat"))
                files.append(inFolder("users.dat"))
            }
            return reader.dataset(
                metadata: metadata, users: users, releaseYears: releaseYears, format: .movielens, files: files)
        }
        throw .unknownFormat(path: path, reason: "not a MovieLens layout: expected u.data, ratings.csv or ratings.dat")
    }

    // MARK: - RecBole

    private func loadRecBole(_ path: String, isDirectory: Bool) throws(DataError) -> Dataset {
        var interFile = path
        if isDirectory {
            let entries = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
            guard let inter = entries.first(where: { $0.hasSuffix(".inter") }) else {
                throw .unknownFormat(path: path, reason: "no *.inter file in this folder")
            }
            interFile = (path as NSString).appendingPathComponent(inter)
        }
        guard interFile.hasSuffix(".inter") else {
            throw .unknownFormat(path: path, reason: "RecBole interactions are a *.inter file")
        }
        let text = try DelimitedText(path: interFile)
        var reader = RatingReader(file: interFile)
        try reader.read(text, separator: .byte(0x09), header: .required)
        var metadata = ItemMetadata()
        var users = UserMetadata()
        var files = [interFile]
        let itemFile = String(interFile.dropLast(".inter".count)) + ".item"
        if FileManager.default.fileExists(atPath: itemFile) {
            try metadata.readRecBoleItems(itemFile)
            files.append(itemFile)
        }
        let userFile = String(interFile.dropLast(".inter".count)) + ".user"
        if FileManager.default.fileExists(atPath: userFile) {
            try users.readRecBoleUsers(userFile)
            files.append(userFile)
        }
        return reader.dataset(
            metadata: metadata, users: users, releaseYears: releaseYears, format: .recbole, files: files)
    }

    // MARK: - Generic delimited

    private func loadDelimited(_ path: String) throws(DataError) -> Dataset {
        let text = try DelimitedText(path: path)
        guard let firstLine = text.firstNonEmptyLine() else { throw .emptyFile(file: path) }
        var reader = RatingReader(file: path)
        try reader.read(text, separator: FieldSeparator.sniff(firstLine), header: .detect)
        return reader.dataset(
            metadata: ItemMetadata(), users: UserMetadata(), releaseYears: false, format: .csv, files: [path])
    }
}

/// Titles and genres read from an item file, keyed by the dataset's item id.
