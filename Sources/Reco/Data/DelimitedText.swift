import Foundation

/// How fields are separated on a line.
enum FieldSeparator: Equatable {
    /// One byte such as `,`, tab, `;` or `|`.
    case byte(UInt8)
    /// MovieLens 1M's `::`.
    case doubleColon
    /// Runs of spaces or tabs.
    case whitespace

    /// Guesses the separator from a sample line: `::`, then tab, comma, semicolon, bar, whitespace.
    static func sniff(_ line: ArraySlice<UInt8>) -> FieldSeparator {
        let bytes = Array(line)
        for index in bytes.indices.dropLast()
        where bytes[index] == UInt8(ascii: ":") && bytes[index + 1] == UInt8(ascii: ":") {
            return .doubleColon
        }
        for candidate in ["\t", ",", ";", "|"].map({ UInt8(ascii: Unicode.Scalar($0)!) })
        where bytes.contains(candidate) {
            return .byte(candidate)
        }
        return .whitespace
    }
}

/// One parsed line of a delimited file: byte ranges of its fields plus the line number for errors.
struct DelimitedRow {
    /// 1-based line number in the file.
    var line: Int = 0
    /// The whole line's byte range (without the line break).
    var lineRange: Range<Int> = 0..<0
    /// Each field's content range (quotes removed); `escaped` marks fields with doubled quotes inside.
    var fields: [(range: Range<Int>, escaped: Bool)] = []

    var count: Int { fields.count }
}

/// A delimited text file held as bytes, read row by row without building a `String` per line.
///
/// Accepts a UTF-8 byte-order mark, CRLF line ends, quoted fields (`"a, b"` with `""` for a quote)
/// and, when the bytes are not valid UTF-8, decodes text as Latin-1 (the original MovieLens 100k
/// `u.item` is Latin-1).
struct DelimitedText {
    /// The name errors print (the path as the user gave it).
    let file: String
    let bytes: [UInt8]
    /// Where the data starts (after a byte-order mark).
    let start: Int
    let isUTF8: Bool

    /// Reads the whole file.
    init(path: String) throws(DataError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .fileNotFound(path: path)
        }
        guard !isDirectory.boolValue else { throw .unreadable(path: path, reason: "it is a folder, not a file") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(path: path, reason: "permission denied or I/O error")
        }
        self.init(file: path, bytes: [UInt8](data))
    }

    /// Wraps bytes already in memory.
    init(file: String, bytes: [UInt8]) {
        self.file = file
        self.bytes = bytes
        self.start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        self.isUTF8 = bytes.allSatisfy { $0 < 0x80 } || String(validating: bytes[...], as: UTF8.self) != nil
    }

    /// The first line that is not blank, for sniffing.
    func firstNonEmptyLine() -> ArraySlice<UInt8>? {
        var lineStart = start
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count && bytes[lineEnd] != 0x0A { lineEnd += 1 }
            var contentEnd = lineEnd
            if contentEnd > lineStart && bytes[contentEnd - 1] == 0x0D { contentEnd -= 1 }
            let line = bytes[lineStart..<contentEnd]
            if line.contains(where: { $0 != 0x20 && $0 != 0x09 }) { return line }
            lineStart = lineEnd + 1
        }
        return nil
    }

    /// Calls `body` with each non-blank line split by `separator`.
    func forEachRow(separator: FieldSeparator, _ body: (DelimitedRow) throws(DataError) -> Void) throws(DataError) {
        var row = DelimitedRow()
        var lineStart = start
        var lineNumber = 0
        let count = bytes.count
        while lineStart < count {
            lineNumber += 1
            var lineEnd = lineStart
            while lineEnd < count && bytes[lineEnd] != 0x0A { lineEnd += 1 }
            var contentEnd = lineEnd
            if contentEnd > lineStart && bytes[contentEnd - 1] == 0x0D { contentEnd -= 1 }
            defer { lineStart = lineEnd + 1 }
            var blank = true
            for p in lineStart..<contentEnd where bytes[p] != 0x20 && bytes[p] != 0x09 {
                blank = false
                break
            }
            if blank { continue }
            row.line = lineNumber
            row.lineRange = lineStart..<contentEnd
            row.fields.removeAll(keepingCapacity: true)
            try split(lineStart..<contentEnd, separator: separator, into: &row)
            try body(row)
        }
    }

    private func split(_ line: Range<Int>, separator: FieldSeparator, into row: inout DelimitedRow) throws(DataError) {
        var p = line.lowerBound
        let end = line.upperBound
        if separator == .whitespace {
            while p < end {
                while p < end && (bytes[p] == 0x20 || bytes[p] == 0x09) { p += 1 }
                guard p < end else { break }
                let fieldStart = p
                while p < end && bytes[p] != 0x20 && bytes[p] != 0x09 { p += 1 }
                row.fields.append((fieldStart..<p, false))
            }
            return
        }
        while true {
            if p < end && bytes[p] == UInt8(ascii: "\"") {
                // Quoted field: up to the closing quote; "" inside stands for one quote.
                var q = p + 1
                var escaped = false
                while true {
                    guard q < end else { throw .unterminatedQuote(file: file, line: row.line, text: text(line)) }
                    if bytes[q] == UInt8(ascii: "\"") {
                        if q + 1 < end && bytes[q + 1] == UInt8(ascii: "\"") {
                            escaped = true
                            q += 2
                            continue
                        }
                        break
                    }
                    q += 1
                }
                row.fields.append((p + 1..<q, escaped))
                p = q + 1
                // Skip anything between the closing quote and the next separator.
                while p < end && !isSeparator(at: p, separator) { p += 1 }
            } else {
                let fieldStart = p
                while p < end && !isSeparator(at: p, separator) { p += 1 }
                row.fields.append((fieldStart..<p, false))
            }
            guard p < end else { break }
            p += separator == .doubleColon ? 2 : 1
            if p == end {
                row.fields.append((end..<end, false))
                break
            }
        }
    }

    @inline(__always)
    private func isSeparator(at p: Int, _ separator: FieldSeparator) -> Bool {
        switch separator {
        case .byte(let byte): return bytes[p] == byte
        case .doubleColon: return bytes[p] == 0x3A && p + 1 < bytes.count && bytes[p + 1] == 0x3A
        case .whitespace: return bytes[p] == 0x20 || bytes[p] == 0x09
        }
    }

    /// Decodes a byte range as text (UTF-8, or Latin-1 for files that are not UTF-8).
    func text(_ range: Range<Int>) -> String {
        if isUTF8 { return String(decoding: bytes[range], as: UTF8.self) }
        return String(String.UnicodeScalarView(bytes[range].map { Unicode.Scalar($0) }))
    }

    /// Field `index` of `row` as text, trimmed of surrounding spaces, quotes unescaped.
    func string(_ row: DelimitedRow, _ index: Int) -> String {
        let field = row.fields[index]
        var range = field.range
        while range.lowerBound < range.upperBound && bytes[range.lowerBound] == 0x20 {
            range = range.lowerBound + 1..<range.upperBound
        }
        while range.lowerBound < range.upperBound && bytes[range.upperBound - 1] == 0x20 {
            range = range.lowerBound..<range.upperBound - 1
        }
        let value = text(range)
        return field.escaped ? value.replacingOccurrences(of: "\"\"", with: "\"") : value
    }

    /// The whole line of `row`, for error messages.
    func lineText(_ row: DelimitedRow) -> String { text(row.lineRange) }

    /// Field `index` of `row` as a number, or `nil` when it is not one. NaN and infinities parse.
    func number(_ row: DelimitedRow, _ index: Int) -> Double? {
        NumberParser.parse(bytes, row.fields[index].range)
    }

    /// Field `index` of `row` as a finite `Float` (a rating, a feature value, a matrix cell).
    ///
    /// - Throws: `DataError` naming `file`, the line and `column`: not a number, NaN or infinite, or
    ///   beyond a 32-bit float's ±3.4e38 (which would turn into an infinity).
    func float(_ row: DelimitedRow, _ index: Int, file: String, column: String) throws(DataError) -> Float {
        guard let value = number(row, index) else {
            throw .notANumber(file: file, line: row.line, column: column, text: string(row, index))
        }
        guard value.isFinite else {
            throw .notFinite(file: file, line: row.line, column: column, text: string(row, index))
        }
        guard Float(value).isFinite else {
            throw .outOfRange(
                file: file, line: row.line, column: column, text: string(row, index),
                allowed: "±3.4e38 (a 32-bit float)")
        }
        return Float(value)
    }
}

/// Parses decimal numbers straight from bytes; the common short forms ("4", "3.5", "881250949")
/// never allocate.
enum NumberParser {
    private static let powersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    static func parse(_ bytes: [UInt8], _ fullRange: Range<Int>) -> Double? {
        var low = fullRange.lowerBound
        var high = fullRange.upperBound
        while low < high && (bytes[low] == 0x20 || bytes[low] == 0x09) { low += 1 }
        while high > low && (bytes[high - 1] == 0x20 || bytes[high - 1] == 0x09) { high -= 1 }
        guard low < high else { return nil }
        var p = low
        var negative = false
        if bytes[p] == UInt8(ascii: "-") || bytes[p] == UInt8(ascii: "+") {
            negative = bytes[p] == UInt8(ascii: "-")
            p += 1
        }
        var mantissa: UInt64 = 0
        var digits = 0
        var fractionDigits = 0
        while p < high, bytes[p] >= 0x30, bytes[p] <= 0x39 {
            mantissa = mantissa &* 10 &+ UInt64(bytes[p] - 0x30)
            digits += 1
            p += 1
        }
        if p < high && bytes[p] == UInt8(ascii: ".") {
            p += 1
            while p < high, bytes[p] >= 0x30, bytes[p] <= 0x39 {
                mantissa = mantissa &* 10 &+ UInt64(bytes[p] - 0x30)
                digits += 1
                fractionDigits += 1
                p += 1
            }
        }
        if p == high && digits > 0 && digits <= 18 && fractionDigits <= 22 {
            let value = Double(mantissa) / powersOfTen[fractionDigits]
            return negative ? -value : value
        }
        // Exponents, long numbers, "nan", "inf": the standard library's parser.
        return Double(String(decoding: bytes[low..<high], as: UTF8.self))
    }
}
