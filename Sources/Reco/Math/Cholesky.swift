/// Solves symmetric positive-definite systems A·x = b by Cholesky factorisation A = L·Lᵀ.
///
/// Small k×k systems (ridge regressions, ALS rows) are solved in `Double` so an ill-conditioned Gram
/// matrix does not lose the answer to rounding.
enum Cholesky {
    /// Solves A·x = b in place: `matrix` (n×n, row-major) is overwritten by L, `rightHandSide` by x.
    ///
    /// - Returns: `false` when A is not positive definite (a pivot ≤ 0); the buffers are then undefined.
    /// - Complexity: O(n³).
    @discardableResult
    static func solve(
        _ matrix: UnsafeMutableBufferPointer<Double>, _ rightHandSide: UnsafeMutableBufferPointer<Double>, size n: Int
    ) -> Bool {
        precondition(matrix.count >= n * n && rightHandSide.count >= n, "buffers too small for a \(n)×\(n) system")
        for j in 0..<n {
            var diagonal = matrix[j * n + j]
            for k in 0..<j { diagonal -= matrix[j * n + k] * matrix[j * n + k] }
            guard diagonal > 0, diagonal.isFinite else { return false }
            let pivot = diagonal.squareRoot()
            matrix[j * n + j] = pivot
            for i in (j + 1)..<max(j + 1, n) {
                var value = matrix[i * n + j]
                for k in 0..<j { value -= matrix[i * n + k] * matrix[j * n + k] }
                matrix[i * n + j] = value / pivot
            }
        }
        // Forward substitution L·y = b, then back substitution Lᵀ·x = y.
        for i in 0..<n {
            var value = rightHandSide[i]
            for k in 0..<i { value -= matrix[i * n + k] * rightHandSide[k] }
            rightHandSide[i] = value / matrix[i * n + i]
        }
        for i in stride(from: n - 1, through: 0, by: -1) {
            var value = rightHandSide[i]
            for k in (i + 1)..<max(i + 1, n) { value -= matrix[k * n + i] * rightHandSide[k] }
            rightHandSide[i] = value / matrix[i * n + i]
        }
        return true
    }

    /// Solves A·x = b for arrays, returning x or `nil` when A is not positive definite.
    static func solve(_ matrix: [Double], _ rightHandSide: [Double]) -> [Double]? {
        let n = rightHandSide.count
        var a = matrix
        var b = rightHandSide
        let solved = a.withUnsafeMutableBufferPointer { aBuffer in
            b.withUnsafeMutableBufferPointer { bBuffer in solve(aBuffer, bBuffer, size: n) }
        }
        return solved ? b : nil
    }
}
