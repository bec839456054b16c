/// What a dataset's user file says about users — age, gender, occupation — as categorical
/// features by user id ("age=25-34", "gender F", "occupation writer"), including users with no
/// ratings yet.
struct UserMetadata {
    var rows: [(id: String, tokens: [String])] = []

    /// MovieLens 1M's age groups, which the 100k ages are put into as well.
    static func ageGroup(_ age: Int) -> String {
        switch age {
        case ..<18: return "age=under-18"
        case 18...24: return "age=18-24"
        case 25...34: return "age=25-34"
        case 35...44: return "age=35-44"
        case 45...49: return "age=45-49"
        case 50...55: return "age=50-55"
        default: return "age=56+"
        }
    }

    /// MovieLens 1M's occupation codes (`users.dat`).
    static let movieLens1MOccupations = [
        "other", "academic/educator", "artist", "clerical/admin", "college/grad student", "customer service",
        "doctor/health care", "executive/managerial", "farmer", "homemaker", "K-12 student", "lawyer", "programmer",
        "retired", "sales/marketing", "scientist", "self-employed", "technician/engineer", "tradesman/craftsman",
        "unemployed", "writer",
    ]

    /// The tokens of one user.
    static func tokens(age: String?, gender: String?, occupation: String?) -> [String] {
        var tokens: [String] = []
        if let age, let years = Int(age) { tokens.append(ageGroup(years)) }
        if let gender, !gender.isEmpty { tokens.append("gender=\(gender)") }
        if let occupation, !occupation.isEmpty { tokens.append("occupation=\(occupation)") }
        return tokens
    }

    /// MovieLens 100k's `u.user`: `id|age|gender|occupation|zip`.
    mutating func readMovieLens100kUsers(_ file: String) throws(DataError) {
        let text = try DelimitedText(path: file)
        try text.forEachRow(separator: .byte(UInt8(ascii: "|"))) { row throws(DataError) in
            guard row.count >= 4 else {
                throw .missingColumn(
                    file: file, line: row.line, text: text.lineText(row), expected: "id|age|gender|occupation|zip")
            }
            rows.append(
                (
                    text.string(row, 0),
                    Self.tokens(age: text.string(row, 1), gender: text.string(row, 2), occupation: text.string(row, 3))
                ))
        }
    }

    /// MovieLens 1M's `users.dat`: `id::gender::age::occupation code::zip`.
    mutating func readMovieLens1MUsers(_ file: String) throws(DataError) {
        let text = try DelimitedText(path: file)
        try text.forEachRow(separator: .doubleColon) { row throws(DataError) in
            guard row.count >= 4 else {
                throw .missingColumn(
                    file: file, line: row.line, text: text.lineText(row), expected: "id::gender::age::occupation::zip")
            }
            let code = Int(text.string(row, 3)).flatMap { Self.movieLens1MOccupations.indices.contains($0) ? $0 : nil }
            rows.append(
                (
                    text.string(row, 0),
                    Self.tokens(
                        age: text.string(row, 2), gender: text.string(row, 1),
                        occupation: code.map { Self.movieLens1MOccupations[$0] })
                ))
        }
    }

    /// RecBole's `NAME.user`: a header naming `user_id` and any of `age`, `gender`, `occupation`.
    mutating func readRecBoleUsers(_ file: String) throws(DataError) {
        let text = try DelimitedText(path: file)
        var columns: [String] = []
        try text.forEachRow(separator: .byte(0x09)) { row throws(DataError) in
            if columns.isEmpty {
                columns = (0..<row.count).map { RatingReader.columnName(text.string(row, $0)) }
                return
            }
            guard let idColumn = columns.firstIndex(of: "user_id"), idColumn < row.count else {
                throw .missingColumn(file: file, line: row.line, text: text.lineText(row), expected: "a user_id column")
            }
            func field(_ name: String) -> String? {
                columns.firstIndex(of: name).flatMap { $0 < row.count ? text.string(row, $0) : nil }
            }
            rows.append(
                (
                    text.string(row, idColumn),
                    Self.tokens(age: field("age"), gender: field("gender"), occupation: field("occupation"))
                ))
        }
    }

    /// The features of every user in the file, or `nil` when it had none.
    var featureTable: FeatureTable? {
        rows.isEmpty ? nil : FeatureTable(tokens: rows, vocabulary: Set(rows.flatMap(\.tokens)).sorted())
    }
}
