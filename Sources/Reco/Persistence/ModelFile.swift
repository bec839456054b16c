import Foundation

/// Reco's model file format (documented in `docs/model-format.md`):
///
/// ```
/// offset 0   8 bytes   magic "RECOMODL"
///        8   UInt32    format version (1)
///       12   UInt64    body length L
///       20   L bytes   body: sections (fields, Float32, Int32, Int64 and string arrays)
///     20+L   UInt32    CRC-32 of the body
/// ```
///
/// All numbers are little-endian. A body section is a tag byte (1 field, 2 Float32 array, 3 Int32
/// array, 4 Int64 array, 5 string array), a UInt16 name length and the UTF-8 name, a UInt64 count,
/// then the values (strings as a UInt32 length and UTF-8 bytes each).
public enum ModelFile {
    /// The first eight bytes of every model file.
    public static let magic: [UInt8] = Array("RECOMODL".utf8)
    /// The format version this build writes and reads.
    public static let formatVersion: UInt32 = 1
    static let preambleSize = 20

    // MARK: - Writing

    /// The bytes of `archive` as a model file.
    public static func encode(_ archive: ModelArchive) -> [UInt8] {
        var body: [UInt8] = []
        // Each section: tag, name, count, then `write` appends the values.
        func sections<Value>(_ tag: UInt8, _ table: [String: Value], count: (Value) -> Int, write: (Value) -> Void) {
            for key in table.keys.sorted() {
                let value = table[key]!
                let name = Array(key.utf8)
                body.append(tag)
                append(UInt16(name.count), to: &body)
                body += name
                append(UInt64(count(value)), to: &body)
                write(value)
            }
        }
        sections(1, archive.fields.mapValues { Array($0.utf8) }, count: \.count) { body += $0 }
        sections(2, archive.floats, count: \.count) { for value in $0 { append(value.bitPattern, to: &body) } }
        sections(3, archive.integers, count: \.count) {
            for value in $0 { append(UInt32(bitPattern: value), to: &body) }
        }
        sections(4, archive.longs, count: \.count) { for value in $0 { append(UInt64(bitPattern: value), to: &body) } }
        sections(5, archive.strings, count: \.count) { values in
            for value in values {
                let bytes = Array(value.utf8)
                append(UInt32(bytes.count), to: &body)
                body += bytes
            }
        }
        var file = magic
        append(formatVersion, to: &file)
        append(UInt64(body.count), to: &file)
        file += body
        append(CRC32.checksum(body), to: &file)
        return file
    }

    /// Writes `archive` to `path` atomically (temporary file, fsync, rename).
    public static func write(_ archive: ModelArchive, to path: String) throws(WriteError) {
        try AtomicFile.write(encode(archive), to: path)
    }

    private static func append<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    // MARK: - Reading

    /// Reads the archive in the file at `path`, checking magic, version, length and checksum.
    public static func read(_ path: String) throws(ModelFileError) -> ModelArchive {
        guard FileManager.default.fileExists(atPath: path) else {
            throw .unreadable(path: path, reason: "no such file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(path: path, reason: "permission denied or I/O error")
        }
        return try decode([UInt8](data), file: path)
    }

    /// Decodes model-file bytes; `file` names the source in errors.
    public static func decode(_ bytes: [UInt8], file: String) throws(ModelFileError) -> ModelArchive {
        let magicLength = magic.count
        guard bytes.count >= magicLength else {
            if !bytes.isEmpty && magic.starts(with: bytes) {
                throw .truncated(path: file, expectedBytes: preambleSize + 4, foundBytes: bytes.count)
            }
            throw .notAModelFile(path: file)
        }
        guard Array(bytes[0..<magicLength]) == magic else { throw .notAModelFile(path: file) }
        guard bytes.count >= preambleSize else {
            throw .truncated(path: file, expectedBytes: preambleSize + 4, foundBytes: bytes.count)
        }
        let version: UInt32 = load(bytes, at: 8)
        guard version == formatVersion else {
            throw .unsupportedVersion(path: file, found: version, supported: formatVersion)
        }
        let bodyLength: UInt64 = load(bytes, at: 12)
        // A length near 2⁶⁴ would overflow the sum: the expected size is then clamped, and refused.
        let expected = preambleSize + Int(min(bodyLength, UInt64(Int.max / 2))) + 4
        guard bodyLength < UInt64(Int.max / 2), bytes.count >= expected else {
            throw .truncated(path: file, expectedBytes: expected, foundBytes: bytes.count)
        }
        guard bytes.count == expected else {
            throw .malformed(path: file, reason: "\(bytes.count - expected) unexpected bytes after the checksum")
        }
        let body = bytes[preambleSize..<(preambleSize + Int(bodyLength))]
        let stored: UInt32 = load(bytes, at: preambleSize + Int(bodyLength))
        let computed = CRC32.checksum(body)
        guard stored == computed else { throw .checksumMismatch(path: file, stored: stored, computed: computed) }
        return try parseBody(bytes, range: body.indices, file: file)
    }

    private static func load<T: FixedWidthInteger>(_ bytes: [UInt8], at offset: Int) -> T {
        var value: T = 0
        withUnsafeMutableBytes(of: &value) { target in
            for index in 0..<MemoryLayout<T>.size { target[index] = bytes[offset + index] }
        }
        return T(littleEndian: value)
    }

    private static func parseBody(
        _ bytes: [UInt8], range: Range<Int>, file: String
    ) throws(ModelFileError) -> ModelArchive {
        var archive = ModelArchive()
        var cursor = range.lowerBound
        let end = range.upperBound
        func need(_ count: Int) throws(ModelFileError) {
            guard count >= 0, cursor + count <= end else {
                throw .malformed(path: file, reason: "a section runs past the end of the body")
            }
        }
        while cursor < end {
            try need(3)
            let tag = bytes[cursor]
            let nameLength = Int(load(bytes, at: cursor + 1) as UInt16)
            cursor += 3
            try need(nameLength + 8)
            let name = String(decoding: bytes[cursor..<(cursor + nameLength)], as: UTF8.self)
            cursor += nameLength
            let count64: UInt64 = load(bytes, at: cursor)
            cursor += 8
            guard count64 < UInt64(end - cursor + 1) else {
                throw .malformed(path: file, reason: "section '\(name)' claims \(count64) values")
            }
            let count = Int(count64)
            switch tag {
            case 1:
                try need(count)
                archive.fields[name] = String(decoding: bytes[cursor..<(cursor + count)], as: UTF8.self)
                cursor += count
            case 2:
                try need(count * 4)
                archive.floats[name] = readArray(bytes, at: cursor, count: count) { (raw: UInt32) in
                    Float(bitPattern: raw)
                }
                cursor += count * 4
            case 3:
                try need(count * 4)
                archive.integers[name] = readArray(bytes, at: cursor, count: count) { (raw: UInt32) in
                    Int32(bitPattern: raw)
                }
                cursor += count * 4
            case 4:
                try need(count * 8)
                archive.longs[name] = readArray(bytes, at: cursor, count: count) { (raw: UInt64) in
                    Int64(bitPattern: raw)
                }
                cursor += count * 8
            case 5:
                var values: [String] = []
                values.reserveCapacity(count)
                for _ in 0..<count {
                    try need(4)
                    let length = Int(load(bytes, at: cursor) as UInt32)
                    cursor += 4
                    try need(length)
                    values.append(String(decoding: bytes[cursor..<(cursor + length)], as: UTF8.self))
                    cursor += length
                }
                archive.strings[name] = values
            default:
                throw .malformed(path: file, reason: "unknown section type \(tag) for '\(name)'")
            }
        }
        return archive
    }

    /// Reads `count` little-endian values in one pass over the bytes.
    private static func readArray<Raw: FixedWidthInteger, Value>(
        _ bytes: [UInt8], at offset: Int, count: Int, _ convert: (Raw) -> Value
    ) -> [Value] {
        bytes.withUnsafeBytes { raw in
            (0..<count).map { index in
                convert(
                    Raw(
                        littleEndian: raw.loadUnaligned(
                            fromByteOffset: offset + index * MemoryLayout<Raw>.size, as: Raw.self)))
            }
        }
    }
}
