/// The 32-bit Mersenne Twister (MT19937, Matsumoto & Nishimura 1998), seeded and drawn exactly as
/// NumPy's legacy `numpy.random.RandomState`.
///
/// Reco's own models use ``SeededGenerator``; this generator exists so that a split made with a
/// seed is the split Python's peers make with the same seed: ``Splitter/kFold(_:folds:seed:)`` cuts
/// the very folds of Surprise's `KFold(n_splits:, random_state: seed)`, and a figure measured with
/// `--seed 42` compares one to one with theirs.
///
/// ```
/// var twister = MersenneTwister(seed: 42)
/// var order = Array(0..<10)
/// twister.shuffle(&order)     // [8, 1, 5, 0, 7, 2, 9, 4, 3, 6], as RandomState(42).shuffle
/// ```
struct MersenneTwister: RandomNumberGenerator, Sendable {
    static let stateCount = 624
    /// MT19937's m: the twist mixes word i with word i + 397.
    static let middleWord = 397

    /// The 624 words of state.
    var key: [UInt32]
    /// The next word of `key` to temper; `stateCount` means the state must be regenerated first.
    var position: Int

    /// Seeds as C's `init_genrand(seed)`, which is what `RandomState(seed)` does for an integer seed.
    init(word seed: UInt32) {
        var key = [UInt32](repeating: 0, count: Self.stateCount)
        key[0] = seed
        for index in 1..<Self.stateCount {
            let previous = key[index - 1]
            key[index] = 1_812_433_253 &* (previous ^ (previous >> 30)) &+ UInt32(index)
        }
        self.key = key
        self.position = Self.stateCount
    }

    /// Seeds with a key of several words as C's `init_by_array` (what `RandomState([...])` does).
    init(key initialKey: [UInt32]) {
        self.init(word: 19_650_218)
        let n = Self.stateCount
        let length = max(initialKey.count, 1)
        var i = 1
        var j = 0
        for _ in 0..<max(n, initialKey.count) {
            let previous = key[i - 1]
            key[i] =
                (key[i] ^ ((previous ^ (previous >> 30)) &* 1_664_525))
                &+ (initialKey.isEmpty ? 0 : initialKey[j]) &+ UInt32(j)
            i += 1
            j += 1
            if i >= n {
                key[0] = key[n - 1]
                i = 1
            }
            if j >= length { j = 0 }
        }
        for _ in 0..<(n - 1) {
            let previous = key[i - 1]
            key[i] = (key[i] ^ ((previous ^ (previous >> 30)) &* 1_566_083_941)) &- UInt32(i)
            i += 1
            if i >= n {
                key[0] = key[n - 1]
                i = 1
            }
        }
        key[0] = 0x8000_0000
    }

    /// A generator for any 64-bit seed: seeds below 2³² as `RandomState(seed)`, larger ones by
    /// their two 32-bit halves as `RandomState([low, high])`.
    init(seed: UInt64) {
        if seed <= UInt64(UInt32.max) {
            self.init(word: UInt32(seed))
        } else {
            self.init(key: [UInt32(truncatingIfNeeded: seed), UInt32(truncatingIfNeeded: seed >> 32)])
        }
    }

    /// The next 32 random bits (`genrand_int32`).
    mutating func next32() -> UInt32 {
        if position >= Self.stateCount { regenerate() }
        var y = key[position]
        position += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9D2C_5680
        y ^= (y << 15) & 0xEFC6_0000
        y ^= y >> 18
        return y
    }

    /// The next 64 random bits: two 32-bit draws, the first in the high half (as NumPy).
    mutating func next() -> UInt64 {
        let high = UInt64(next32())
        return high << 32 | UInt64(next32())
    }

    /// A uniform integer in 0...upperBound by NumPy's masked rejection (`random_interval`): draw
    /// under the smallest all-ones mask that covers the bound until the draw is within it.
    mutating func nextInterval(_ upperBound: UInt64) -> UInt64 {
        guard upperBound > 0 else { return 0 }
        var mask = upperBound
        for shift in [1, 2, 4, 8, 16, 32] as [UInt64] { mask |= mask >> shift }
        if upperBound <= UInt64(UInt32.max) {
            while true {
                let value = UInt64(next32()) & mask
                if value <= upperBound { return value }
            }
        }
        while true {
            let value = next() & mask
            if value <= upperBound { return value }
        }
    }

    /// Shuffles `elements` in place in the order of NumPy's `RandomState.shuffle`: for i from the
    /// last index down to 1, swap element i with element `nextInterval(i)`.
    mutating func shuffle<Element>(_ elements: inout [Element]) {
        guard elements.count > 1 else { return }
        for index in stride(from: elements.count - 1, to: 0, by: -1) {
            elements.swapAt(index, Int(nextInterval(UInt64(index))))
        }
    }

    /// Refills the 624 words of state (the twist).
    mutating func regenerate() {
        let n = Self.stateCount
        let m = Self.middleWord
        key.withUnsafeMutableBufferPointer { key in
            for index in 0..<n {
                let y = (key[index] & 0x8000_0000) | (key[(index + 1) % n] & 0x7FFF_FFFF)
                key[index] = key[(index + m) % n] ^ (y >> 1) ^ (y & 1 == 0 ? 0 : 0x9908_B0DF)
            }
        }
        position = 0
    }
}
