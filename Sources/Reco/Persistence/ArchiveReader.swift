/// Reads one model's arrays out of a `ModelArchive`, checking each against the training matrix the
/// file holds, so every malformed file is refused with the name of the array at fault.
public struct ArchiveReader: Sendable {
    /// The model's entries (names relative to the model, without a blend's component prefix).
    public let archive: ModelArchive
    /// The training ratings the model file holds: its users, items and histories.
    public let training: RatingMatrix
    /// The file, for error messages.
    public let file: String
    /// Where component models (a blend's) are looked up by name.
    public let registry: ModelRegistry

    /// A reader.
    public init(archive: ModelArchive, training: RatingMatrix, file: String, registry: ModelRegistry) {
        self.archive = archive
        self.training = training
        self.file = file
        self.registry = registry
    }

    /// The error for a file whose content is wrong in the way `reason` says.
    public func malformed(_ reason: String) -> ModelFileError { .malformed(path: file, reason: reason) }

    /// The one-value Float array `name`.
    ///
    /// - Throws: `ModelFileError.malformed` when it is missing or not one value.
    public func scalar(_ name: String) throws(ModelFileError) -> Float { try floats(name, count: 1)[0] }

    /// The Float array `name`, of `count` values when given.
    ///
    /// - Throws: `ModelFileError.malformed` when it is missing or of another length.
    public func floats(_ name: String, count: Int? = nil) throws(ModelFileError) -> [Float] {
        try archive.floats(name, count: count, file: file)
    }

    /// A Float array of one value per training user.
    ///
    /// - Throws: `ModelFileError.malformed` when it is missing or of another length.
    public func perUser(_ name: String) throws(ModelFileError) -> [Float] {
        try floats(name, count: training.userCount)
    }

    /// A Float array of one value per training item.
    ///
    /// - Throws: `ModelFileError.malformed` when it is missing or of another length.
    public func perItem(_ name: String) throws(ModelFileError) -> [Float] {
        try floats(name, count: training.itemCount)
    }

    /// The matrix `name`, with `rows` rows and `columns` columns when given.
    ///
    /// - Throws: `ModelFileError.malformed` when it is missing or of another shape.
    public func matrix(_ name: String, rows: Int? = nil, columns: Int? = nil) throws(ModelFileError) -> DenseMatrix {
        let matrix = try archive.matrix(name, file: file)
        if let rows, matrix.rows != rows { throw malformed("'\(name)' has \(matrix.rows) rows, expected \(rows)") }
        if let columns, matrix.columns != columns {
            throw malformed("'\(name)' has \(matrix.columns) columns, expected \(columns)")
        }
        return matrix
    }

    /// A matrix with one row per training user.
    ///
    /// - Throws: `ModelFileError.malformed` when it is missing or has another number of rows.
    public func userMatrix(_ name: String) throws(ModelFileError) -> DenseMatrix {
        try matrix(name, rows: training.userCount)
    }

    /// A matrix with one row per training item.
    ///
    /// - Throws: `ModelFileError.malformed` when it is missing or has another number of rows.
    public func itemMatrix(_ name: String) throws(ModelFileError) -> DenseMatrix {
        try matrix(name, rows: training.itemCount)
    }

    /// User and item factor matrices of the same width.
    ///
    /// - Throws: `ModelFileError.malformed` when either is missing, the wrong height, or they differ in width.
    public func factors(
        users: String = "user-factors", items: String = "item-factors"
    ) throws(ModelFileError)
        -> (users: DenseMatrix, items: DenseMatrix)
    {
        let p = try userMatrix(users)
        let q = try itemMatrix(items)
        guard p.columns == q.columns else { throw malformed("'\(users)' and '\(items)' differ in width") }
        return (p, q)
    }

    /// The Int32 array `name`.
    ///
    /// - Throws: `ModelFileError.malformed` when it is missing.
    public func integers(_ name: String) throws(ModelFileError) -> [Int32] {
        guard let values = archive.integers[name] else { throw malformed("array '\(name)' is missing") }
        return values
    }

    /// The Int64 array `name`, of `count` values when given.
    ///
    /// - Throws: `ModelFileError.malformed` when it is missing or of another length.
    public func longs(_ name: String, count: Int? = nil) throws(ModelFileError) -> [Int64] {
        guard let values = archive.longs[name], count == nil || values.count == count! else {
            throw malformed("array '\(name)' is missing or has the wrong length")
        }
        return values
    }

    /// The string array `name`, or `nil` when the file has none (an optional entry).
    public func strings(_ name: String) -> [String]? { archive.strings[name] }

    /// The text field `name`, or `nil` when the file has none.
    public func field(_ name: String) -> String? { archive.fields[name] }

    /// The reader of the entries under `prefix` (a blend's component).
    public func component(prefix: String) -> ArchiveReader {
        ArchiveReader(archive: archive.extracting(prefix: prefix), training: training, file: file, registry: registry)
    }
}
