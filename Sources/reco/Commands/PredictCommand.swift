import ArgumentParser
import Foundation
import Reco

/// `reco predict`: one rating, or a stream of them.
struct PredictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Predict ratings: one pair, or user<TAB>item lines streamed from stdin or --input.",
        discussion: """
            Without --user/--item, reads user<TAB>item lines and writes user<TAB>item<TAB>prediction lines as it \
            goes, so a million pairs never sit in memory. Predictions are clipped to the training rating scale. \
            An unknown id stops the stream with an error naming the line.

            Examples:
              reco predict --model movielens.reco --user 196 --item 242
              cut -f1,2 pairs.tsv | reco predict --model movielens.reco > predictions.tsv
            """
    )

    @OptionGroup var modelFile: ModelFileOption

    @Option(help: "The user's id.")
    var user: String?

    @Option(help: "The item's id (or title).")
    var item: String?

    @Option(help: ArgumentHelp("Read pairs from this file instead of stdin.", valueName: "file"))
    var input: String?

    @Flag(
        help: "Print the model's raw score, not clipped to the training rating scale (as Spark's transform gives it).")
    var unclipped = false

    func validate() throws {
        guard (user == nil) == (item == nil) else { throw ValidationError("--user and --item go together") }
        if user != nil && input != nil {
            throw ValidationError("give --user/--item, or pairs on stdin/--input, not both")
        }
    }

    func run() throws {
        let saved = try modelFile.load()
        if let user, let item {
            print(try saved.predict(user: user, item: item, clipping: !unclipped))
            return
        }
        let handle: FileHandle
        let name: String
        if let input {
            guard let file = FileHandle(forReadingAtPath: input) else {
                throw CommandError("\(input): cannot open the file")
            }
            handle = file
            name = input
        } else {
            handle = FileHandle.standardInput
            name = "stdin"
        }
        var reader = LineReader(handle: handle)
        var output = [UInt8]()
        var number = 0
        while let line = reader.next() {
            number += 1
            if line.isEmpty { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count >= 2 else {
                flush(&output)
                throw CommandError("\(name):\(number): expected user<TAB>item, got '\(line)'")
            }
            let userID = String(fields[0])
            let itemID = String(fields[1])
            let prediction: Float
            do {
                prediction = try saved.predict(user: userID, item: itemID, clipping: !unclipped)
            } catch {
                flush(&output)
                throw CommandError("\(name):\(number): \(error)")
            }
            output += Array("\(userID)\t\(itemID)\t\(prediction)\n".utf8)
            if output.count > 1 << 16 { flush(&output) }
        }
        flush(&output)
    }

    private func flush(_ output: inout [UInt8]) {
        guard !output.isEmpty else { return }
        FileHandle.standardOutput.write(Data(output))
        output.removeAll(keepingCapacity: true)
    }
}

/// Reads lines from a file handle in chunks, without holding the whole input.
struct LineReader {
    let handle: FileHandle
    private var buffer: [UInt8] = []
    private var start = 0
    private var finished = false

    init(handle: FileHandle) { self.handle = handle }

    mutating func next() -> String? {
        while true {
            if let newline = buffer[start...].firstIndex(of: 0x0A) {
                var end = newline
                if end > start && buffer[end - 1] == 0x0D { end -= 1 }
                let line = String(decoding: buffer[start..<end], as: UTF8.self)
                start = newline + 1
                return line
            }
            if finished {
                guard start < buffer.count else { return nil }
                let line = String(decoding: buffer[start...], as: UTF8.self)
                start = buffer.count
                return line
            }
            buffer.removeFirst(start)
            start = 0
            let chunk = handle.readData(ofLength: 1 << 16)
            if chunk.isEmpty { finished = true } else { buffer += chunk }
        }
    }
}
