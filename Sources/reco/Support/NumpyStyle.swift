import Reco

/// Prints vectors and matrices the way numpy does, so `reco tutorial` reads like the notebook:
/// `[4. 0. 1.]` for whole numbers, as few decimals as show every value exactly (at most 8) otherwise, columns padded to a common width.
enum NumpyStyle {
    /// A `Float` as the `Double` its shortest decimal form names (0.8f → 0.8, not 0.800000011…).
    static func shortest(_ value: Float) -> Double { Double("\(value)") ?? Double(value) }

    static func vector(_ values: [Float]) -> String { vector(values.map(shortest)) }

    static func matrix(_ matrix: DenseMatrix) -> String { self.matrix(matrix.nestedRows.map { $0.map(shortest) }) }

    static func vector(_ values: [Double]) -> String {
        "[" + cells(values).joined(separator: " ") + "]"
    }

    static func matrix(_ rows: [[Double]]) -> String {
        let all = cells(rows.flatMap { $0 })
        let width = rows.first?.count ?? 0
        let lines = rows.indices.map { r in
            "[" + all[(r * width)..<((r + 1) * width)].joined(separator: " ") + "]"
        }
        return "[" + lines.joined(separator: "\n ") + "]"
    }

    private static func cells(_ values: [Double]) -> [String] {
        let decimals =
            (1...8).first { d in
                values.allSatisfy { $0.isNaN || abs(Double(fixed($0, d))! - $0) <= 1e-12 * max(1, abs($0)) }
            } ?? 8
        let whole = values.allSatisfy { $0.isNaN || ($0 == $0.rounded() && abs($0) < 1e15) }
        let texts: [String] = values.map { value in
            if value.isNaN { return "nan" }
            if whole { return String(Int64(value)) + "." }
            return fixed(value, decimals)
        }
        let width = texts.map(\.count).max() ?? 0
        let signed = values.contains { $0 < 0 } && !whole
        return texts.map { text in
            let target = signed ? max(width, text.count + (text.hasPrefix("-") ? 0 : 1)) : width
            return String(repeating: " ", count: max(0, target - text.count)) + text
        }
    }
}
