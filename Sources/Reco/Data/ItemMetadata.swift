/// What a dataset's item file says about items — titles, genres, release years — by item id,
/// including items nobody has rated yet (they become cold items the feature models can serve).
struct ItemMetadata {
    var titles: [String: String] = [:]
    var genres: [String: [String]] = [:]
    var years: [String: Int] = [:]
    /// Genre names in a fixed order (the source's own where it has one).
    var genreVocabulary: [String] = []
    /// Item ids in file order.
    var order: [String] = []

    /// The 19 genres of MovieLens 100k's `u.item`, in column order.
    static let movieLens100kGenres = [
        "unknown", "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime", "Documentary", "Drama",
        "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western",
    ]

    /// The feature naming a release year's five-year bucket: "released=1995-1999".
    static func yearBucket(_ year: Int) -> String {
        let start = year - ((year % 5) + 5) % 5
        return "released=\(start)-\(start + 4)"
    }

    /// The year in a trailing "(1995)" of a title, if any.
    static func year(inTitle title: String) -> Int? {
        let trimmed = title.trimmingCharacters(in: " ")
        guard trimmed.hasSuffix(")"), let open = trimmed.lastIndex(of: "(") else { return nil }
        let inside = trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]
        guard inside.count == 4, let year = Int(inside), (1800...2200).contains(year) else { return nil }
        return year
    }

    private mutating func add(_ id: String) { if titles[id] == nil && genres[id] == nil { order.append(id) } }

    mutating func readMovieLens100kItems(_ file: String) throws(DataError) {
        let text = try DelimitedText(path: file)
        genreVocabulary = Self.movieLens100kGenres
        try text.forEachRow(separator: .byte(UInt8(ascii: "|"))) { row throws(DataError) in
            guard row.count >= 5 + 19 else {
                throw .missingColumn(
                    file: file, line: row.line, text: text.lineText(row), expected: "24 '|'-separated columns")
            }
            let id = text.string(row, 0)
            add(id)
            titles[id] = text.string(row, 1)
            // The release date, "01-Jan-1995", else the title's "(1995)".
            let date = text.string(row, 2)
            years[id] = Int(date.suffix(4)) ?? Self.year(inTitle: text.string(row, 1))
            genres[id] = Self.movieLens100kGenres.enumerated().filter { text.string(row, 5 + $0.offset) == "1" }.map(
                \.element)
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
            add(id)
            titles[id] = text.string(row, 1)
            years[id] = Self.year(inTitle: text.string(row, 1))
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
            add(id)
            var year: Int?
            if let yearColumn = columns.firstIndex(of: "release_year"), yearColumn < row.count {
                year = Int(text.string(row, yearColumn))
                years[id] = year
            }
            if let titleColumn = columns.firstIndex(where: { $0 == "movie_title" || $0 == "title" }),
                titleColumn < row.count
            {
                let title = text.string(row, titleColumn)
                titles[id] = year.map { "\(title) (\($0))" } ?? title
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

    /// The genres as 0/1 features, then, with `releaseYears`, the five-year release buckets, for
    /// every item of the file; `nil` when the file has neither.
    func featureTable(releaseYears: Bool) -> FeatureTable? {
        let buckets = releaseYears ? Set(years.values.map(Self.yearBucket)).sorted() : []
        guard !genreVocabulary.isEmpty || !buckets.isEmpty else { return nil }
        let rows = order.map { id in
            (id: id, tokens: (genres[id] ?? []) + (releaseYears ? years[id].map { [Self.yearBucket($0)] } ?? [] : []))
        }
        return FeatureTable(tokens: rows, vocabulary: genreVocabulary + buckets)
    }
}
