/// Dense vector kernels over raw `Float` pointers, written with `SIMD8` accumulators so LLVM emits
/// vector code without fast-math flags.
public enum Kernels {
    /// The dot product Σ aᵢbᵢ of two vectors of `count` floats.
    ///
    /// - Complexity: O(count).
    @inlinable
    public static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> Float {
        var accumulator = SIMD8<Float>()
        var index = 0
        while index + 8 <= count {
            let x = UnsafeRawPointer(a + index).loadUnaligned(as: SIMD8<Float>.self)
            let y = UnsafeRawPointer(b + index).loadUnaligned(as: SIMD8<Float>.self)
            accumulator += x * y
            index += 8
        }
        var sum = accumulator.sum()
        while index < count {
            sum += a[index] * b[index]
            index += 1
        }
        return sum
    }

    /// y ← y + α·x over `count` floats.
    ///
    /// - Complexity: O(count).
    @inlinable
    public static func addScaled(
        _ alpha: Float, _ x: UnsafePointer<Float>, to y: UnsafeMutablePointer<Float>, count: Int
    ) {
        let alphaVector = SIMD8<Float>(repeating: alpha)
        var index = 0
        while index + 8 <= count {
            let xv = UnsafeRawPointer(x + index).loadUnaligned(as: SIMD8<Float>.self)
            let yv = UnsafeRawPointer(y + index).loadUnaligned(as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(y + index).storeBytes(of: yv + alphaVector * xv, as: SIMD8<Float>.self)
            index += 8
        }
        while index < count {
            y[index] += alpha * x[index]
            index += 1
        }
    }

    /// The squared Euclidean distance Σ (aᵢ − bᵢ)².
    @inlinable
    public static func squaredDistance(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> Float {
        var accumulator = SIMD8<Float>()
        var index = 0
        while index + 8 <= count {
            let d = UnsafeRawPointer(a + index).loadUnaligned(as: SIMD8<Float>.self)
                - UnsafeRawPointer(b + index).loadUnaligned(as: SIMD8<Float>.self)
            accumulator += d * d
            index += 8
        }
        var sum = accumulator.sum()
        while index < count {
            let d = a[index] - b[index]
            sum += d * d
            index += 1
        }
        return sum
    }
}
