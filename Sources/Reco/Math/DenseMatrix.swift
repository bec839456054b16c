/// A dense row-major matrix of `Float` in one contiguous buffer.
///
/// Factor matrices (users × k, items × k) and item feature matrices are `DenseMatrix` values, so a
/// row is a contiguous slice that SIMD kernels read directly.
public struct DenseMatrix: Equatable, Sendable {
    /// Number of rows.
    public let rows: Int
    /// Number of columns (the row stride).
    public let columns: Int
    /// The entries, row after row: entry (r, c) is at `r * columns + c`.
    public internal(set) var storage: [Float]

    /// A matrix of zeros.
    public init(rows: Int, columns: Int, repeating value: Float = 0) {
        precondition(rows >= 0 && columns >= 0, "matrix dimensions must not be negative")
        self.rows = rows
        self.columns = columns
        self.storage = [Float](repeating: value, count: rows * columns)
    }

    /// A matrix over existing row-major storage; `storage.count` must equal `rows * columns`.
    public init(rows: Int, columns: Int, storage: [Float]) {
        precondition(storage.count == rows * columns, "storage holds \(storage.count) values, not \(rows)×\(columns)")
        self.rows = rows
        self.columns = columns
        self.storage = storage
    }

    /// A matrix from nested rows, for small literal examples (not for hot paths).
    public init(_ nestedRows: [[Float]]) {
        let columns = nestedRows.first?.count ?? 0
        precondition(nestedRows.allSatisfy { $0.count == columns }, "every row must have \(columns) values")
        self.init(rows: nestedRows.count, columns: columns, storage: nestedRows.flatMap { $0 })
    }

    /// A matrix of independent N(0, σ²) samples.
    public static func randomNormal(
        rows: Int, columns: Int, standardDeviation: Float = 1, using generator: inout SeededGenerator
    ) -> DenseMatrix {
        var matrix = DenseMatrix(rows: rows, columns: columns)
        matrix.storage.withUnsafeMutableBufferPointer { storage in
            for index in storage.indices { storage[index] = Float(generator.nextNormal()) * standardDeviation }
        }
        return matrix
    }

    /// Entry (row, column).
    public subscript(row: Int, column: Int) -> Float {
        get { storage[row * columns + column] }
        set { storage[row * columns + column] = newValue }
    }

    /// A copy of one row.
    public func row(_ index: Int) -> [Float] {
        Array(storage[(index * columns)..<((index + 1) * columns)])
    }

    /// Replaces row `index` with `values` (`columns` of them).
    mutating func setRow(_ index: Int, to values: [Float]) {
        precondition(values.count == columns, "\(values.count) values for a row of \(columns)")
        storage.replaceSubrange((index * columns)..<((index + 1) * columns), with: values)
    }

    /// Row `target` of this matrix += `alpha` · row `source` of `other` (of the same width).
    mutating func addScaled(_ alpha: Float, row source: Int, of other: DenseMatrix, to target: Int) {
        precondition(other.columns == columns, "rows of different widths")
        let width = columns
        storage.withUnsafeMutableBufferPointer { y in
            other.storage.withUnsafeBufferPointer { x in
                Kernels.addScaled(
                    alpha, x.baseAddress! + source * width, to: y.baseAddress! + target * width, count: width)
            }
        }
    }

    /// The rows as nested arrays (for printing and tests).
    public var nestedRows: [[Float]] {
        (0..<rows).map { row($0) }
    }

    /// Sum of squares of all entries (‖A‖²_F).
    public var squaredNorm: Double {
        storage.reduce(0.0) { $0 + Double($1) * Double($1) }
    }
}

extension DenseMatrix {
    /// Row `row` of this matrix · row `otherRow` of `other` (the score of a factor model).
    ///
    /// - Complexity: O(columns).
    public func dot(row: Int, _ other: DenseMatrix, row otherRow: Int) -> Float {
        storage.withUnsafeBufferPointer { a in
            other.storage.withUnsafeBufferPointer { b in
                Kernels.dot(a.baseAddress! + row * columns, b.baseAddress! + otherRow * other.columns, count: columns)
            }
        }
    }

    /// scores[i] = base + biases[i] + (row `row` of this matrix) · (row i of `items`) for every row of
    /// `items`: a factor model scoring its whole catalogue for one user, borrowing the buffers once.
    ///
    /// - Complexity: O(items.rows · columns).
    func scoreRows(
        of items: DenseMatrix, against row: Int, base: Float, biases: [Float]? = nil,
        into scores: inout MutableSpan<Float>
    ) {
        storage.withUnsafeBufferPointer { a in
            scores.withUnsafeMutableBufferPointer { output in
                Self.scoreRows(
                    of: items, against: a.baseAddress! + row * columns, base: base, biases: biases, into: output)
            }
        }
    }

    /// base + biases[i] + vector · (row i) for every row: the scores of a user with `vector`.
    ///
    /// - Complexity: O(rows · columns).
    func scores(against vector: [Float], base: Float, biases: [Float]? = nil) -> [Float] {
        precondition(vector.count == columns, "a vector of \(vector.count) for rows of \(columns)")
        var scores = [Float](repeating: 0, count: rows)
        vector.withUnsafeBufferPointer { p in
            scores.withUnsafeMutableBufferPointer { output in
                Self.scoreRows(of: self, against: p.baseAddress!, base: base, biases: biases, into: output)
            }
        }
        return scores
    }

    /// scores[i] = base + biases[i] + vector · (row i of `items`) for every row of `items`.
    static func scoreRows(
        of items: DenseMatrix, against vector: UnsafePointer<Float>, base: Float, biases: [Float]?,
        into scores: UnsafeMutableBufferPointer<Float>
    ) {
        let k = items.columns
        items.storage.withUnsafeBufferPointer { b in
            if let biases {
                for item in 0..<items.rows {
                    scores[item] = base + biases[item] + Kernels.dot(vector, b.baseAddress! + item * k, count: k)
                }
            } else {
                for item in 0..<items.rows {
                    scores[item] = base + Kernels.dot(vector, b.baseAddress! + item * k, count: k)
                }
            }
        }
    }

    /// The `count` rows nearest to row `row` among those `isCandidate` accepts (the row itself is
    /// never one): by descending cosine, or by ascending Euclidean distance (scores are distances).
    ///
    /// - Complexity: O(rows · columns + rows · log count).
    func nearestRows(
        to row: Int, count: Int, metric: SimilarityMetric, where isCandidate: (Int) -> Bool = { _ in true }
    ) -> [ScoredItem] {
        var top = TopK(capacity: count)
        let k = columns
        storage.withUnsafeBufferPointer { buffer in
            let base = buffer.baseAddress!
            let query = base + row * k
            let queryNorm = Kernels.dot(query, query, count: k).squareRoot()
            for other in 0..<rows where other != row && isCandidate(other) {
                let candidate = base + other * k
                switch metric {
                case .euclidean:
                    top.insert(item: other, score: -Kernels.squaredDistance(query, candidate, count: k).squareRoot())
                case .cosine:
                    let norm = Kernels.dot(candidate, candidate, count: k).squareRoot() * queryNorm
                    top.insert(item: other, score: norm > 0 ? Kernels.dot(query, candidate, count: k) / norm : 0)
                }
            }
        }
        let ranked = top.sorted()
        return metric == .euclidean ? ranked.map { ScoredItem(item: $0.item, score: -$0.score) } : ranked
    }
}

extension DenseMatrix {
    /// Row `index` · `vector`.
    func dot(row index: Int, _ vector: [Float]) -> Float {
        storage.withUnsafeBufferPointer { s in
            vector.withUnsafeBufferPointer {
                Kernels.dot(s.baseAddress! + index * columns, $0.baseAddress!, count: columns)
            }
        }
    }
}
