import Foundation

/// Reads and writes splits as plain files — `user<TAB>item<TAB>rating[<TAB>timestamp]`, one rating
/// per line, no header — so any other library can be run on exactly the same data.
///
/// Files written here and read back give a `TrainTestSplit` identical to the one written (same
/// indices, same values), because both sides use the canonical id order of `TrainTestSplit`.
public enum SplitFiles {
    /// Writes `split` as `<folder>/<name>.train.tsv` and `<folder>/<name>.test.tsv`, atomically, and
    /// returns the two paths.
    @discardableResult
    public static func write(
        _ split: TrainTestSplit, to folder: String, name: String
    ) throws(WriteError) -> (train: String, test: String) {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw WriteError(path: folder, reason: "cannot create the folder")
        }
        let trainPath = (folder as NSString).appendingPathComponent("\(name).train.tsv")
        let testPath = (folder as NSString).appendingPathComponent("\(name).test.tsv")
        try AtomicFile.write(lines(split.train), to: trainPath)
        try AtomicFile.write(lines(split.test), to: testPath)
        return (trainPath, testPath)
    }

    /// Reads a split from a training file and a test file (tab- or comma-separated, header optional).
    public static func read(train trainPath: String, test testPath: String) throws(DataError) -> TrainTestSplit {
        let trainText = try DelimitedText(path: trainPath)
        guard let firstTrain = trainText.firstNonEmptyLine() else { throw .emptyFile(file: trainPath) }
        var trainReader = RatingReader(file: trainPath)
        try trainReader.read(trainText, separator: FieldSeparator.sniff(firstTrain), header: .detect)
        let testText = try DelimitedText(path: testPath)
        guard let firstTest = testText.firstNonEmptyLine() else { throw .emptyFile(file: testPath) }
        var testReader = RatingReader(file: testPath, userIDs: trainReader.userIDs, itemIDs: trainReader.itemIDs)
        try testReader.read(testText, separator: FieldSeparator.sniff(firstTest), header: .detect)
        var name = ((trainPath as NSString).lastPathComponent as NSString).deletingPathExtension
        if name.hasSuffix(".train") { name.removeLast(".train".count) }
        return TrainTestSplit(
            train: trainReader.ratings, test: testReader.ratings, userIDs: testReader.userIDs,
            itemIDs: testReader.itemIDs, name: name)
    }

    /// Reads held-out ratings for a model trained on `train` (tab- or comma-separated, header
    /// optional), in `train`'s own index space: ratings whose user or item `train` does not know are
    /// left out and counted.
    public static func readTest(
        _ path: String, over train: RatingMatrix
    ) throws(DataError) -> (test: RatingMatrix, unknown: Int) {
        let text = try DelimitedText(path: path)
        guard let first = text.firstNonEmptyLine() else { throw .emptyFile(file: path) }
        var reader = RatingReader(file: path, userIDs: train.userIDs, itemIDs: train.itemIDs)
        try reader.read(text, separator: FieldSeparator.sniff(first), header: .detect)
        let all = reader.ratings
        let known = (0..<all.count).filter {
            Int(all.users[$0]) < train.userCount && Int(all.items[$0]) < train.itemCount
        }
        return (
            RatingMatrix(userIDs: train.userIDs, itemIDs: train.itemIDs, ratings: all.selecting(known)),
            all.count - known.count
        )
    }

    /// The ratings of `matrix` as lines, by user index then item index.
    static func lines(_ matrix: RatingMatrix) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(matrix.count * 24)
        for user in 0..<matrix.userCount {
            let userID = field(matrix.userIDs.id(at: user))
            for p in matrix.userRange(user) {
                output += userID
                output.append(0x09)
                output += field(matrix.itemIDs.id(at: Int(matrix.userItems[p])))
                output.append(0x09)
                output += Array("\(matrix.userRatings[p])".utf8.trimmingDecimalZero())
                if matrix.hasTimestamps {
                    output.append(0x09)
                    output += Array(String(matrix.userTimestamps[p]).utf8)
                }
                output.append(0x0A)
            }
        }
        return output
    }

    /// An id as a field the readers give back unchanged: quoted (`""` for a quote inside) when it
    /// starts with a quote or holds a tab, as it is otherwise. (No reader takes a field across a
    /// line break, so an id holding one cannot round-trip.)
    static func field(_ id: String) -> [UInt8] {
        let bytes = Array(id.utf8)
        guard bytes.first == UInt8(ascii: "\"") || bytes.contains(0x09)
        else { return bytes }
        var quoted: [UInt8] = [UInt8(ascii: "\"")]
        for byte in bytes {
            quoted.append(byte)
            if byte == UInt8(ascii: "\"") { quoted.append(byte) }
        }
        quoted.append(UInt8(ascii: "\""))
        return quoted
    }
}

extension String.UTF8View {
    /// "4.0" → "4": whole ratings are written as integers, as in the source files.
    fileprivate func trimmingDecimalZero() -> [UInt8] {
        let bytes = Array(self)
        if bytes.count > 2 && bytes[bytes.count - 2] == UInt8(ascii: ".") && bytes[bytes.count - 1] == UInt8(ascii: "0")
        {
            return Array(bytes.dropLast(2))
        }
        return bytes
    }
}
