/// Named arrays and text fields: what a model is written as. `ModelFile` turns an archive into
/// bytes and back; each model kind knows how to fill and read one.
public struct ModelArchive: Sendable, Equatable {
    /// Text fields (kind, parameters, summary).
    public var fields: [String: String] = [:]
    /// Float32 arrays (factors, biases, weights).
    public var floats: [String: [Float]] = [:]
    /// Int32 arrays (indices).
    public var integers: [String: [Int32]] = [:]
    /// Int64 arrays (offsets, sizes, timestamps).
    public var longs: [String: [Int64]] = [:]
    /// String arrays (ids, titles, feature names).
    public var strings: [String: [String]] = [:]

    /// An empty archive.
    public init() {}

    /// Stores a matrix as `name` (values) and `name.shape` (rows, columns).
    public mutating func set(_ matrix: DenseMatrix, as name: String) {
        floats[name] = matrix.storage
        longs[name + ".shape"] = [Int64(matrix.rows), Int64(matrix.columns)]
    }

    /// The matrix stored as `name`.
    public func matrix(_ name: String, file: String) throws(ModelFileError) -> DenseMatrix {
        guard let shape = longs[name + ".shape"], shape.count == 2, let values = floats[name],
            shape[0] >= 0, shape[1] >= 0,
            case let (cells, overflow) = Int(shape[0]).multipliedReportingOverflow(by: Int(shape[1])),
            !overflow, cells == values.count
        else { throw .malformed(path: file, reason: "matrix '\(name)' is missing or has the wrong size") }
        return DenseMatrix(rows: Int(shape[0]), columns: Int(shape[1]), storage: values)
    }

    /// The float array `name`, of `count` values when given.
    public func floats(_ name: String, count: Int? = nil, file: String) throws(ModelFileError) -> [Float] {
        guard let values = floats[name], count == nil || values.count == count! else {
            throw .malformed(path: file, reason: "array '\(name)' is missing or has the wrong length")
        }
        return values
    }

    /// The text field `name`.
    public func field(_ name: String, file: String) throws(ModelFileError) -> String {
        guard let value = fields[name] else { throw .malformed(path: file, reason: "field '\(name)' is missing") }
        return value
    }

    /// The number field `name`.
    public func number(_ name: String, file: String) throws(ModelFileError) -> Double {
        guard let value = Double(try field(name, file: file)) else {
            throw .malformed(path: file, reason: "field '\(name)' is not a number")
        }
        return value
    }
}

extension ModelArchive {
    /// Adds every entry of `other` with `prefix` before its name.
    mutating func merge(_ other: ModelArchive, prefix: String) {
        for (key, value) in other.fields { fields[prefix + key] = value }
        for (key, value) in other.floats { floats[prefix + key] = value }
        for (key, value) in other.integers { integers[prefix + key] = value }
        for (key, value) in other.longs { longs[prefix + key] = value }
        for (key, value) in other.strings { strings[prefix + key] = value }
    }

    /// The entries whose names start with `prefix`, without it.
    func extracting(prefix: String) -> ModelArchive {
        func strip<Value>(_ table: [String: Value]) -> [String: Value] {
            Dictionary(
                uniqueKeysWithValues: table.compactMap { key, value in
                    key.hasPrefix(prefix) ? (String(key.dropFirst(prefix.count)), value) : nil
                })
        }
        var result = ModelArchive()
        result.fields = strip(fields)
        result.floats = strip(floats)
        result.integers = strip(integers)
        result.longs = strip(longs)
        result.strings = strip(strings)
        return result
    }
}
