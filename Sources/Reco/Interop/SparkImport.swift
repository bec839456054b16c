import Foundation

/// Builds a Reco model from factors Spark's `ALS` trained on a `SparkExport` folder: an `als` model
/// for explicit feedback, an `implicit-als` one (rating values as r, λ weighted per row, as Spark
/// solves it) for `implicitPrefs`. The training ratings, id maps and titles come from the export,
/// so the model recommends, excludes what users rated, folds in new users, explains and serves like
/// one Reco trained.
///
/// Every count is checked against both manifests, every vector against the rank, every index
/// against the id maps; users and items without training ratings (ids only the test set has) get
/// zero vectors, as Reco's own ALS gives them.
public enum SparkImport {
    /// The model in the factors folder `factors` (`manifest.json`, `user-factors` and `item-factors`:
    /// folders of JSON-lines part files as Spark writes them, or single `.jsonl` files), over the
    /// export `export` (by default the one its manifest names).
    ///
    /// - Throws: `SparkImportError` naming the file, line and value that disagree.
    public static func read(factors folder: String, export: String? = nil) throws(SparkImportError) -> SavedModel {
        let manifestPath = join(folder, SparkFactorsManifest.fileName)
        let manifest: SparkFactorsManifest = try decode(
            manifestPath, format: SparkFactorsManifest.formatName,
            expected: "a folder spark/reco_als.py wrote"
        ) { $0.format }
        let exportFolder = export ?? (manifest.export.hasPrefix("/") ? manifest.export : join(folder, manifest.export))
        let exportManifestPath = join(exportFolder, SparkExportManifest.fileName)
        let exported: SparkExportManifest = try decode(
            exportManifestPath, format: SparkExportManifest.formatName,
            expected: "a folder reco export-spark wrote"
        ) { $0.format }
        guard exported.ratings == manifest.exportRatings else {
            throw .countMismatch(
                path: manifestPath, what: "ratings in the export \(exportFolder)", found: exported.ratings,
                expected: manifest.exportRatings)
        }
        let userIDs = try readIDs(join(exportFolder, "users.csv"), count: exported.users, titles: false).ids
        let (itemIDs, titles) = try readIDs(join(exportFolder, "items.csv"), count: exported.items, titles: true)
        let ratings = try readRatings(
            join(exportFolder, "ratings.csv"), users: exported.users, items: exported.items,
            count: exported.ratings)
        let training = RatingMatrix(userIDs: userIDs, itemIDs: itemIDs, ratings: ratings)
        let userFactors = try readFactors(
            folder, name: "user-factors", side: "user", rows: exported.users, rank: manifest.rank,
            count: manifest.userFactors)
        let itemFactors = try readFactors(
            folder, name: "item-factors", side: "item", rows: exported.items, rank: manifest.rank,
            count: manifest.itemFactors)
        try requireFactors(userFactors.present, side: "user", ids: userIDs) { training.ratingCount(ofUser: $0) }
        try requireFactors(itemFactors.present, side: "item", ids: itemIDs) { training.ratingCount(ofItem: $0) }
        let model: any TrainableModel
        if manifest.implicitPrefs {
            model = ImplicitALS(
                configuration: ImplicitALS.Configuration(
                    factors: manifest.rank, iterations: manifest.maxIter, regularization: manifest.regParam,
                    alpha: manifest.alpha, useRatingValues: true, weightedRegularization: true,
                    seed: UInt64(bitPattern: manifest.seed)),
                userFactors: userFactors.matrix, itemFactors: itemFactors.matrix)
        } else {
            model = AlternatingLeastSquares(
                offset: 0, userFactors: userFactors.matrix, itemFactors: itemFactors.matrix,
                configuration: AlternatingLeastSquares.Configuration(
                    factors: manifest.rank, iterations: manifest.maxIter, regularization: manifest.regParam,
                    seed: UInt64(bitPattern: manifest.seed)))
        }
        var parameters = model.configurationParameters
        parameters["threads"] = nil
        return SavedModel(
            model: model, parameters: parameters, training: training,
            itemTitles: titles.contains { !$0.isEmpty } ? titles : [],
            source: "Spark \(manifest.sparkVersion) ALS: \(folder) on \(exported.source)")
    }

    // MARK: - Files

    private static func join(_ folder: String, _ name: String) -> String {
        (folder as NSString).appendingPathComponent(name)
    }

    private static func decode<Manifest: Decodable>(
        _ path: String, format: String, expected: String, _ formatOf: (Manifest) -> String
    ) throws(SparkImportError) -> Manifest {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .missingManifest(path: (path as NSString).deletingLastPathComponent, expected: expected)
        }
        let manifest: Manifest
        do {
            manifest = try JSONDecoder().decode(Manifest.self, from: data)
        } catch DecodingError.keyNotFound(let key, _) {
            throw .malformedManifest(path: path, reason: "no \"\(key.stringValue)\"")
        } catch DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context) {
            let key = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw .malformedManifest(path: path, reason: "\"\(key)\" has the wrong type")
        } catch {
            throw .malformedManifest(path: path, reason: "not JSON")
        }
        guard formatOf(manifest) == format else {
            throw .malformedManifest(path: path, reason: "format is \"\(formatOf(manifest))\", expected \"\(format)\"")
        }
        return manifest
    }

    private static func text(_ path: String, expected: String) throws(SparkImportError) -> DelimitedText {
        guard FileManager.default.fileExists(atPath: path) else { throw .missingFile(path: path, expected: expected) }
        do {
            return try DelimitedText(path: path)
        } catch {
            throw .data(error)
        }
    }

    /// `index,id[,title]` rows, index 0, 1, … in order.
    private static func readIDs(
        _ path: String, count: Int, titles withTitles: Bool
    ) throws(SparkImportError) -> (ids: IDMap, titles: [String]) {
        let text = try text(path, expected: withTitles ? "index,id,title rows" : "index,id rows")
        var ids = IDMap()
        var titles: [String] = []
        var header = true
        do {
            try text.forEachRow(separator: .byte(UInt8(ascii: ","))) { row throws(DataError) in
                if header {
                    header = false
                    return
                }
                guard row.count >= (withTitles ? 3 : 2) else {
                    throw .missingColumn(
                        file: path, line: row.line, text: text.lineText(row),
                        expected: withTitles ? "index,id,title" : "index,id")
                }
                guard text.number(row, 0) == Double(ids.count) else {
                    throw .outOfRange(
                        file: path, line: row.line, column: "index", text: text.string(row, 0),
                        allowed: "\(ids.count), the next index")
                }
                let id = text.string(row, 1)
                let before = ids.count
                _ = ids.insert(id)
                guard ids.count > before else {
                    throw .duplicateID(
                        file: path, line: row.line, id: id, firstLine: (ids.index(of: id) ?? 0) + 2)
                }
                if withTitles { titles.append(text.string(row, 2)) }
            }
        } catch {
            throw .data(error)
        }
        guard ids.count == count else {
            throw .countMismatch(path: path, what: "ids", found: ids.count, expected: count)
        }
        return (ids, titles)
    }

    /// `user,item,rating[,timestamp]` rows of indices.
    private static func readRatings(
        _ path: String, users: Int, items: Int, count: Int
    ) throws(SparkImportError) -> RatingList {
        let text = try text(path, expected: "user,item,rating rows")
        var list = RatingList()
        list.reserveCapacity(count)
        var header = true
        var timestamps = false
        do {
            try text.forEachRow(separator: .byte(UInt8(ascii: ","))) { row throws(DataError) in
                if header {
                    header = false
                    timestamps = row.count >= 4
                    return
                }
                guard row.count >= (timestamps ? 4 : 3) else {
                    throw .missingColumn(
                        file: path, line: row.line, text: text.lineText(row),
                        expected: timestamps ? "user,item,rating,timestamp" : "user,item,rating")
                }
                let user = try index(text, row, 0, below: users, file: path, column: "user")
                let item = try index(text, row, 1, below: items, file: path, column: "item")
                let value = try text.float(row, 2, file: path, column: "rating")
                var timestamp: Int64?
                if timestamps {
                    guard let number = text.number(row, 3), number.isFinite, number == number.rounded(),
                        abs(number) < 9e18
                    else {
                        throw .notANumber(file: path, line: row.line, column: "timestamp", text: text.string(row, 3))
                    }
                    timestamp = Int64(number)
                }
                list.append(user: Int32(user), item: Int32(item), value: value, timestamp: timestamp)
            }
        } catch {
            throw .data(error)
        }
        guard list.count == count else {
            throw .countMismatch(path: path, what: "ratings", found: list.count, expected: count)
        }
        return list
    }

    private static func index(
        _ text: DelimitedText, _ row: DelimitedRow, _ field: Int, below limit: Int, file: String, column: String
    ) throws(DataError) -> Int {
        guard let number = text.number(row, field), number == number.rounded(), number >= 0,
            number < Double(limit)
        else {
            throw .outOfRange(
                file: file, line: row.line, column: column, text: text.string(row, field),
                allowed: "an index 0..<\(limit) of the export's id map")
        }
        return Int(number)
    }

    /// The factor files of one side: `name/part-*` (Spark's JSON writer) or `name.jsonl`.
    private static func factorFiles(_ folder: String, name: String) throws(SparkImportError) -> [String] {
        let directory = join(folder, name)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue {
            let parts = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
                .filter { $0.hasPrefix("part-") }.sorted()
            return parts.map { join(directory, $0) }
        }
        let single = join(folder, name + ".jsonl")
        guard FileManager.default.fileExists(atPath: single) else {
            throw .missingFile(
                path: directory, expected: "\(name)/part-* or \(name).jsonl: {\"id\":…,\"features\":[…]} lines")
        }
        return [single]
    }

    /// Reads `{"id": index, "features": [...]}` lines into a rows × rank matrix (zero rows where
    /// none is given).
    private static func readFactors(
        _ folder: String, name: String, side: String, rows: Int, rank: Int, count: Int
    ) throws(SparkImportError) -> (matrix: DenseMatrix, present: [Bool]) {
        var matrix = DenseMatrix(rows: rows, columns: rank)
        var present = [Bool](repeating: false, count: rows)
        var firstLine = [Int32](repeating: 0, count: rows)
        var seen = 0
        for file in try factorFiles(folder, name: name) {
            let text = try text(file, expected: "factor lines")
            let bytes = text.bytes
            var lineStart = text.start
            var line = 0
            while lineStart < bytes.count {
                line += 1
                var lineEnd = lineStart
                while lineEnd < bytes.count && bytes[lineEnd] != 0x0A { lineEnd += 1 }
                defer { lineStart = lineEnd + 1 }
                guard bytes[lineStart..<lineEnd].contains(where: { $0 > 0x20 }) else { continue }
                seen += 1
                let (id, features) = factorLine(bytes, lineStart..<lineEnd)
                guard let index = id, let features else {
                    throw .malformedLine(
                        file: file, line: line, text: String(text.text(lineStart..<lineEnd).prefix(120)),
                        reason: "expected {\"id\": index, \"features\": [numbers]}")
                }
                guard index >= 0 && index < rows else {
                    throw .unknownIndex(file: file, line: line, side: side, index: index, count: rows)
                }
                guard !present[index] else {
                    throw .duplicateIndex(
                        file: file, line: line, side: side, index: index, firstLine: Int(firstLine[index]))
                }
                var column = 0
                var fieldStart = features.lowerBound
                while fieldStart <= features.upperBound {
                    var fieldEnd = fieldStart
                    while fieldEnd < features.upperBound && bytes[fieldEnd] != UInt8(ascii: ",") { fieldEnd += 1 }
                    let field = fieldStart..<fieldEnd
                    if column > 0 || fieldEnd < features.upperBound || bytes[field].contains(where: { $0 > 0x20 }) {
                        guard let value = NumberParser.parse(bytes, field), Float(value).isFinite else {
                            throw .notFinite(
                                file: file, line: line, index: index,
                                text: text.text(field).trimmingCharacters(in: .whitespaces))
                        }
                        if column < rank { matrix[index, column] = Float(value) }
                        column += 1
                    }
                    fieldStart = fieldEnd + 1
                }
                guard column == rank else {
                    throw .rankMismatch(file: file, line: line, found: column, expected: rank)
                }
                present[index] = true
                firstLine[index] = Int32(clamping: line)
            }
        }
        guard seen == count else {
            throw .countMismatch(path: join(folder, name), what: "\(side) factor rows", found: seen, expected: count)
        }
        return (matrix, present)
    }

    /// The integer after `"id":` and the byte range between the brackets after `"features":` of a
    /// JSON object on one line (the keys in either order), or `nil`s.
    static func factorLine(_ bytes: [UInt8], _ line: Range<Int>) -> (id: Int?, features: Range<Int>?) {
        func value(after key: String) -> Int? {
            let pattern = Array(key.utf8)
            var p = line.lowerBound
            while p + pattern.count <= line.upperBound {
                if bytes[p..<p + pattern.count].elementsEqual(pattern) {
                    var q = p + pattern.count
                    while q < line.upperBound && (bytes[q] == 0x20 || bytes[q] == 0x09) { q += 1 }
                    guard q < line.upperBound && bytes[q] == UInt8(ascii: ":") else { return nil }
                    q += 1
                    while q < line.upperBound && (bytes[q] == 0x20 || bytes[q] == 0x09) { q += 1 }
                    return q
                }
                p += 1
            }
            return nil
        }
        var id: Int?
        if var p = value(after: "\"id\"") {
            let start = p
            while p < line.upperBound && bytes[p] >= 0x30 && bytes[p] <= 0x39 { p += 1 }
            if p > start && p - start <= 18 { id = Int(String(decoding: bytes[start..<p], as: UTF8.self)) }
        }
        var features: Range<Int>?
        if let p = value(after: "\"features\""), p < line.upperBound, bytes[p] == UInt8(ascii: "[") {
            var q = p + 1
            while q < line.upperBound && bytes[q] != UInt8(ascii: "]") { q += 1 }
            if q < line.upperBound { features = (p + 1)..<q }
        }
        return (id, features)
    }

    private static func requireFactors(
        _ present: [Bool], side: String, ids: IDMap, ratingCount: (Int) -> Int
    ) throws(SparkImportError) {
        let missing = present.indices.filter { !present[$0] && ratingCount($0) > 0 }
        if let first = missing.first {
            throw .missingFactors(side: side, count: missing.count, firstID: ids.id(at: first))
        }
    }
}
