import Foundation

/// Writes ratings the way Spark's `ALS` reads them fast: integer user and item indices, the rating
/// as a number, the id maps and titles beside them (`SparkExportManifest` describes the folder).
///
/// Every file is streamed to disk a megabyte at a time and put in place atomically; the manifest
/// goes last. The indices are the training matrix's own, so a model trained on the export and
/// imported back (`SparkImport`) lines up with Reco's users and items index for index.
public enum SparkExport {
    /// Writes `train` (and `test`, over the same ids) into `folder`, creating it.
    ///
    /// - Parameters:
    ///   - train: the ratings Spark trains on.
    ///   - test: held-out ratings over the same ids (written as `test.csv`), or `nil`.
    ///   - folder: where the files go.
    ///   - itemTitles: one title per item of `train`, or empty.
    ///   - source: what was exported, recorded in the manifest.
    /// - Throws: `WriteError` when the folder or a file cannot be written.
    @discardableResult
    public static func write(
        train: RatingMatrix, test: RatingMatrix? = nil, itemTitles: [String] = [], source: String,
        to folder: String
    ) throws(WriteError) -> SparkExportManifest {
        precondition(test.map { $0.userIDs == train.userIDs && $0.itemIDs == train.itemIDs } ?? true)
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw WriteError(path: folder, reason: "cannot create the folder")
        }
        func path(_ name: String) -> String { (folder as NSString).appendingPathComponent(name) }
        // An old manifest would vouch for files about to change: it goes first.
        unlink(path(SparkExportManifest.fileName))
        let timestamps = train.hasTimestamps && (test?.hasTimestamps ?? true)
        try writeRatings(train, timestamps: timestamps, to: path("ratings.csv"))
        if let test {
            try writeRatings(test, timestamps: timestamps, to: path("test.csv"))
        } else {
            unlink(path("test.csv"))
        }
        try writeIDs(train.userIDs, header: "index,id", titles: nil, to: path("users.csv"))
        try writeIDs(train.itemIDs, header: "index,id,title", titles: itemTitles, to: path("items.csv"))
        let manifest = SparkExportManifest(
            users: train.userCount, items: train.itemCount, ratings: train.count, testRatings: test?.count,
            timestamps: timestamps, ratingScale: train.ratingScale, source: source)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let json: [UInt8] = (try? encoder.encode(manifest)).map { Array($0) } ?? []
        try AtomicFile.write(json + [0x0A], to: path(SparkExportManifest.fileName))
        return manifest
    }

    private static func writeRatings(_ matrix: RatingMatrix, timestamps: Bool, to path: String) throws(WriteError) {
        let file = try AtomicFileWriter(path: path)
        try file.append(timestamps ? "user,item,rating,timestamp\n" : "user,item,rating\n")
        var line: [UInt8] = []
        for user in 0..<matrix.userCount {
            let userField = Array(String(user).utf8)
            for p in matrix.userRange(user) {
                line.removeAll(keepingCapacity: true)
                line += userField
                line.append(UInt8(ascii: ","))
                line += String(matrix.userItems[p]).utf8
                line.append(UInt8(ascii: ","))
                line += number(matrix.userRatings[p]).utf8
                if timestamps {
                    line.append(UInt8(ascii: ","))
                    line += String(matrix.userTimestamps[p]).utf8
                }
                line.append(0x0A)
                try file.append(line)
            }
        }
        try file.commit()
    }

    private static func writeIDs(_ ids: IDMap, header: String, titles: [String]?, to path: String) throws(WriteError) {
        let file = try AtomicFileWriter(path: path)
        try file.append(header + "\n")
        for index in 0..<ids.count {
            var line = "\(index),\(csvField(ids.id(at: index)))"
            if let titles { line += "," + csvField(index < titles.count ? titles[index] : "") }
            try file.append(line + "\n")
        }
        try file.commit()
    }

    /// "4.0" → "4": whole ratings as integers, as in the source files.
    static func number(_ value: Float) -> String {
        value == value.rounded() && abs(value) < 1e9 ? String(Int(value)) : "\(value)"
    }

    /// A CSV field: as it is, or quoted (`""` for a quote) when it holds a comma, a quote or a line
    /// break.
    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
