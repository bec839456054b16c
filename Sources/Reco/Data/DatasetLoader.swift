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
    /// An optional numeric item-feature table (`item,f1,f2,...` with a header naming the features)
    /// that replaces the genres of the source.
    public var itemFeaturesPath: String?

    /// Creates a loader.
    public init(format: DataFormat = .auto, itemFeaturesPath: String? = nil) {
        self.format = format
        self.itemFeaturesPath = itemFeaturesPath
    }

    /// The 19 genres of MovieLens 100k's `u.item`, in column order.
    static let movieLens100kGenres = [
        "unknown", "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime", "Documentary", "Drama",
        "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western",
    ]

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
            let table = try FeatureTable.read(itemFeaturesPath)
            dataset.itemFeatures = table.aligned(to: dataset.ratings.itemIDs)
            dataset.files.append(itemFeaturesPath)
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
            var files = [file]
            if exists(inFolder("u.item")) {
                try metadata.readMovieLens100kItems(inFolder("u.item"))
                files.append(inFolder("u.item"))
            }
            return reader.dataset(metadata: metadata, format: .movielens, files: files)
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
            return reader.dataset(metadata: metadata, format: .movielens, files: files)
        }
        if let file = chosen ?? (exists(inFolder("ratings.dat")) ? inFolder("ratings.dat") : nil),
            file.hasSuffix(".dat")
        {
            let text = try DelimitedText(path: file)
            var reader = RatingReader(file: file)
            try reader.read(text, separator: .doubleColon, header: .absent)
            var metadata = ItemMetadata()
            var files = [file]
            if exists(inFolder("movies.dat")) {
                try metadata.readMovieList(inFolder("movies.dat"), separator: .doubleColon, header: false)
                files.append(inFolder("movies.dat"))
            }
            return reader.dataset(metadata: metadata, format: .movielens, files: files)
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
        var files = [interFile]
        let itemFile = String(interFile.dropLast(".inter".count)) + ".item"
        if FileManager.default.fileExists(atPath: itemFile) {
            try metadata.readRecBoleItems(itemFile)
            files.append(itemFile)
        }
        return reader.dataset(metadata: metadata, format: .recbole, files: files)
    }

    // MARK: - Generic delimited

    private func loadDelimited(_ path: String) throws(DataError) -> Dataset {
        let text = try DelimitedText(path: path)
        guard let firstLine = text.firstNonEmptyLine() else { throw .emptyFile(file: path) }
        var reader = RatingReader(file: path)
        try reader.read(text, separator: FieldSeparator.sniff(firstLine), header: .detect)
        return reader.dataset(metadata: ItemMetadata(), format: .csv, files: [path])
    }
}

/// Titles and genres read from an item file, keyed by the dataset's item id.
struct ItemMetadata {
    var titles: [String: String] = [:]
    var genres: [String: [String]] = [:]
    /// Genre names in a fixed order (the source's own where it has one).
    var genreVocabulary: [String] = []

    mutating func readMovieLens100kItems(_ file: String) throws(DataError) {
        let text = try DelimitedText(path: file)
        genreVocabulary = DatasetLoader.movieLens100kGenres
        try text.forEachRow(separator: .byte(UInt8(ascii: "|"))) { row throws(DataError) in
            guard row.count >= 5 + 19 else {
                throw .missingColumn(
                    file: file, line: row.line, text: text.lineText(row), expected: "24 '|'-separated columns")
            }
            let id = text.string(row, 0)
            titles[id] = text.string(row, 1)
            var flags: [String] = []
            for (offset, genre) in DatasetLoader.movieLens100kGenres.enumerated()
            where text.string(row, 5 + offset) == "1" {
                flags.append(genre)
            }
            genres[id] = flags
        }
    }

    mutating func readMovieList(_ file: String, separator: FieldSeparator, header: Bool) throws(DataError) {
        let text = try DelimitedText(path: file)
        var first = true
        var vocabulary = Set<String>()
        try text.forEachRow(separator: separator) { row throws(DataError) in
            defer { first = false }
            if first && header { return }
            guard row.count >= 3 else {
                throw .missingColumn(
                    file: file, line: row.line, text: text.lineText(row), expected: "movieId, title, genres")
            }
            let id = text.string(row, 0)
            titles[id] = text.string(row, 1)
            let list = text.string(row, 2).split(separator: "|").map(String.init).filter { $0 != "(no genres listed)" }
            genres[id] = list
            vocabulary.formUnion(list)
        }
        genreVocabulary = vocabulary.sorted()
    }

    mutating func readRecBoleItems(_ file: String) throws(DataError) {
        let text = try DelimitedText(path: file)
        var columns: [String] = []
        var vocabulary = Set<String>()
        try text.forEachRow(separator: .byte(0x09)) { row throws(DataError) in
            if columns.isEmpty {
                columns = (0..<row.count).map { RatingReader.columnName(text.string(row, $0)) }
                return
            }
            guard let idColumn = columns.firstIndex(of: "item_id"), idColumn < row.count else {
                throw .missingColumn(
                    file: file, line: row.line, text: text.lineText(row), expected: "an item_id column")
            }
            let id = text.string(row, idColumn)
            if let titleColumn = columns.firstIndex(where: { $0 == "movie_title" || $0 == "title" }),
                titleColumn < row.count
            {
                var title = text.string(row, titleColumn)
                if let yearColumn = columns.firstIndex(of: "release_year"), yearColumn < row.count {
                    let year = text.string(row, yearColumn)
                    if !year.isEmpty { title += " (\(year))" }
                }
                titles[id] = title
            }
            if let genreColumn = columns.firstIndex(where: { $0 == "class" || $0 == "genre" || $0 == "genres" }),
                genreColumn < row.count
            {
                let list = text.string(row, genreColumn).split(separator: " ").map(String.init)
                genres[id] = list
                vocabulary.formUnion(list)
            }
        }
        genreVocabulary = vocabulary.sorted()
    }

    /// Titles and multi-hot genre features aligned to `itemIDs`.
    func aligned(to itemIDs: IDMap) -> (titles: [String], features: ItemFeatures?) {
        let titleList = titles.isEmpty ? [] : itemIDs.ids.map { titles[$0] ?? "" }
        guard !genreVocabulary.isEmpty else { return (titleList, nil) }
        let column = Dictionary(uniqueKeysWithValues: genreVocabulary.enumerated().map { ($1, $0) })
        var matrix = DenseMatrix(rows: itemIDs.count, columns: genreVocabulary.count)
        for (index, id) in itemIDs.ids.enumerated() {
            for genre in genres[id] ?? [] {
                if let c = column[genre] { matrix[index, c] = 1 }
            }
        }
        return (titleList, ItemFeatures(names: genreVocabulary, matrix: matrix))
    }
}
