/// Dense vector kernels over raw `Float` pointers, written with `SIMD8` accumulators so LLVM emits
/// vector code without fast-math flags.
///
/// Built for a CPU with FMA (`RECO_TARGET_CPU=native swift build`, see Package.swift), the
/// multiply-adds are fused: one instruction and one rounding instead of two.
enum Kernels {
    /// a + x·y lane by lane: fused on a CPU build with FMA, a multiply then an add otherwise (on the
    /// generic x86-64 target a fused one is a library call per lane, five times slower).
    @inline(__always)
    static func multiplyAdd<Vector: SIMD>(_ a: Vector, _ x: Vector, _ y: Vector) -> Vector
    where Vector.Scalar == Float {
        #if RECO_FMA
        return a.addingProduct(x, y)
        #else
        return a + x * y
        #endif
    }

    /// The dot product Σ aᵢbᵢ of two vectors of `count` floats.
    ///
    /// - Complexity: O(count).
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> Float {
        // Two accumulators halve the chain of dependent additions (latency, not throughput, bounds
        // a 100-long dot product).
        var accumulator = SIMD8<Float>()
        var second = SIMD8<Float>()
        var index = 0
        while index + 16 <= count {
            accumulator = multiplyAdd(
                accumulator, UnsafeRawPointer(a + index).loadUnaligned(as: SIMD8<Float>.self),
                UnsafeRawPointer(b + index).loadUnaligned(as: SIMD8<Float>.self))
            second = multiplyAdd(
                second, UnsafeRawPointer(a + index + 8).loadUnaligned(as: SIMD8<Float>.self),
                UnsafeRawPointer(b + index + 8).loadUnaligned(as: SIMD8<Float>.self))
            index += 16
        }
        if index + 8 <= count {
            accumulator = multiplyAdd(
                accumulator, UnsafeRawPointer(a + index).loadUnaligned(as: SIMD8<Float>.self),
                UnsafeRawPointer(b + index).loadUnaligned(as: SIMD8<Float>.self))
            index += 8
        }
        // Sum the lanes as a tree, not lane after lane: the SGD loops wait on this result, so its
        // latency is what counts (100 factors leave a tail of 4, taken as one SIMD4).
        let total = accumulator + second
        var half = total.lowHalf + total.highHalf
        if index + 4 <= count {
            half = multiplyAdd(
                half, UnsafeRawPointer(a + index).loadUnaligned(as: SIMD4<Float>.self),
                UnsafeRawPointer(b + index).loadUnaligned(as: SIMD4<Float>.self))
            index += 4
        }
        let pair = half.lowHalf + half.highHalf
        var sum = pair[0] + pair[1]
        while index < count {
            sum += a[index] * b[index]
            index += 1
        }
        return sum
    }

    /// y ← y + α·x over `count` floats.
    ///
    /// - Complexity: O(count).
    static func addScaled(
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
    static func squaredDistance(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> Float {
        var accumulator = SIMD8<Float>()
        var index = 0
        while index + 8 <= count {
            let d =
                UnsafeRawPointer(a + index).loadUnaligned(as: SIMD8<Float>.self)
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

extension Kernels {
    /// One SGD step on a factor pair with L2 decay, both read before either is written:
    ///
    /// ```
    /// p ← p + η (e·q − λ p)
    /// q ← q + η (e·p − λ q)
    /// ```
    static func sgdStep(
        _ p: UnsafeMutablePointer<Float>, _ q: UnsafeMutablePointer<Float>, count: Int, error: Float,
        learningRate: Float, regularization: Float
    ) {
        // p ← (1 − ηλ) p + ηe q and q ← (1 − ηλ) q + ηe p: the same update in 3 operations a lane.
        let decay = SIMD8<Float>(repeating: 1 - learningRate * regularization)
        let step = SIMD8<Float>(repeating: learningRate * error)
        var index = 0
        while index + 8 <= count {
            let pv = UnsafeRawPointer(p + index).loadUnaligned(as: SIMD8<Float>.self)
            let qv = UnsafeRawPointer(q + index).loadUnaligned(as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(p + index).storeBytes(of: multiplyAdd(step * qv, decay, pv), as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(q + index).storeBytes(of: multiplyAdd(step * pv, decay, qv), as: SIMD8<Float>.self)
            index += 8
        }
        if index + 4 <= count {
            let pv = UnsafeRawPointer(p + index).loadUnaligned(as: SIMD4<Float>.self)
            let qv = UnsafeRawPointer(q + index).loadUnaligned(as: SIMD4<Float>.self)
            UnsafeMutableRawPointer(p + index).storeBytes(
                of: multiplyAdd(step.lowHalf * qv, decay.lowHalf, pv), as: SIMD4<Float>.self)
            UnsafeMutableRawPointer(q + index).storeBytes(
                of: multiplyAdd(step.lowHalf * pv, decay.lowHalf, qv), as: SIMD4<Float>.self)
            index += 4
        }
        let scalarDecay = 1 - learningRate * regularization
        let scalarStep = learningRate * error
        while index < count {
            let pf = p[index]
            let qf = q[index]
            p[index] = scalarDecay * pf + scalarStep * qf
            q[index] = scalarDecay * qf + scalarStep * pf
            index += 1
        }
    }

    /// ``sgdStep(_:_:count:error:learningRate:regularization:)``, then the dot product of the new p
    /// with `next` (`next` must not be q): the SGD loops' next rating of the same user, whose dot
    /// product is built from p's lanes as they are written instead of reading them back afterwards.
    static func sgdStepThenDot(
        _ p: UnsafeMutablePointer<Float>, _ q: UnsafeMutablePointer<Float>, count: Int, error: Float,
        learningRate: Float, regularization: Float, next: UnsafePointer<Float>
    ) -> Float {
        let decay = SIMD8<Float>(repeating: 1 - learningRate * regularization)
        let step = SIMD8<Float>(repeating: learningRate * error)
        var accumulator = SIMD8<Float>()
        var second = SIMD8<Float>()
        var index = 0
        @inline(__always) func update8(_ index: Int) -> SIMD8<Float> {
            let pv = UnsafeRawPointer(p + index).loadUnaligned(as: SIMD8<Float>.self)
            let qv = UnsafeRawPointer(q + index).loadUnaligned(as: SIMD8<Float>.self)
            let newP = multiplyAdd(step * qv, decay, pv)
            UnsafeMutableRawPointer(p + index).storeBytes(of: newP, as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(q + index).storeBytes(of: multiplyAdd(step * pv, decay, qv), as: SIMD8<Float>.self)
            return newP
        }
        while index + 16 <= count {
            accumulator = multiplyAdd(
                accumulator, update8(index), UnsafeRawPointer(next + index).loadUnaligned(as: SIMD8<Float>.self))
            second = multiplyAdd(
                second, update8(index + 8), UnsafeRawPointer(next + index + 8).loadUnaligned(as: SIMD8<Float>.self))
            index += 16
        }
        if index + 8 <= count {
            accumulator = multiplyAdd(
                accumulator, update8(index), UnsafeRawPointer(next + index).loadUnaligned(as: SIMD8<Float>.self))
            index += 8
        }
        let total = accumulator + second
        var half = total.lowHalf + total.highHalf
        if index + 4 <= count {
            let pv = UnsafeRawPointer(p + index).loadUnaligned(as: SIMD4<Float>.self)
            let qv = UnsafeRawPointer(q + index).loadUnaligned(as: SIMD4<Float>.self)
            let newP = multiplyAdd(step.lowHalf * qv, decay.lowHalf, pv)
            UnsafeMutableRawPointer(p + index).storeBytes(of: newP, as: SIMD4<Float>.self)
            UnsafeMutableRawPointer(q + index).storeBytes(
                of: multiplyAdd(step.lowHalf * pv, decay.lowHalf, qv), as: SIMD4<Float>.self)
            half = multiplyAdd(half, newP, UnsafeRawPointer(next + index).loadUnaligned(as: SIMD4<Float>.self))
            index += 4
        }
        let pair = half.lowHalf + half.highHalf
        var sum = pair[0] + pair[1]
        let scalarDecay = 1 - learningRate * regularization
        let scalarStep = learningRate * error
        while index < count {
            let pf = p[index]
            let qf = q[index]
            p[index] = scalarDecay * pf + scalarStep * qf
            q[index] = scalarDecay * qf + scalarStep * pf
            sum += p[index] * next[index]
            index += 1
        }
        return sum
    }

    /// y ← a·y + b·x over `count` floats.
    static func scaleAndAdd(
        _ a: Float, _ y: UnsafeMutablePointer<Float>, _ b: Float, _ x: UnsafePointer<Float>, count: Int
    ) {
        let av = SIMD8<Float>(repeating: a)
        let bv = SIMD8<Float>(repeating: b)
        var index = 0
        while index + 8 <= count {
            let xv = UnsafeRawPointer(x + index).loadUnaligned(as: SIMD8<Float>.self)
            let yv = UnsafeRawPointer(y + index).loadUnaligned(as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(y + index).storeBytes(of: av * yv + bv * xv, as: SIMD8<Float>.self)
            index += 8
        }
        while index < count {
            y[index] = a * y[index] + b * x[index]
            index += 1
        }
    }
}

extension Kernels {
    /// Four dot products sharing the left vector: (a·b₀, a·b₁, a·b₂, a·b₃), where bⱼ starts at
    /// `b + j·stride`. Reading `a` once for four products halves the loads of four `dot` calls.
    static func dot4(
        _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, stride: Int, count: Int
    ) -> SIMD4<Float> {
        var s0 = SIMD8<Float>(), s1 = SIMD8<Float>(), s2 = SIMD8<Float>(), s3 = SIMD8<Float>()
        var index = 0
        while index + 8 <= count {
            let x = UnsafeRawPointer(a + index).loadUnaligned(as: SIMD8<Float>.self)
            s0 += x * UnsafeRawPointer(b + index).loadUnaligned(as: SIMD8<Float>.self)
            s1 += x * UnsafeRawPointer(b + stride + index).loadUnaligned(as: SIMD8<Float>.self)
            s2 += x * UnsafeRawPointer(b + 2 * stride + index).loadUnaligned(as: SIMD8<Float>.self)
            s3 += x * UnsafeRawPointer(b + 3 * stride + index).loadUnaligned(as: SIMD8<Float>.self)
            index += 8
        }
        var result = SIMD4<Float>(s0.sum(), s1.sum(), s2.sum(), s3.sum())
        while index < count {
            let x = a[index]
            result += SIMD4(x * b[index], x * b[stride + index], x * b[2 * stride + index], x * b[3 * stride + index])
            index += 1
        }
        return result
    }
}
