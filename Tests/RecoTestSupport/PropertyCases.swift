public import Reco

/// One generated case of a property test: its index, its seed, and a generator seeded from it.
///
/// A failing expectation names the case (`"\(property)"`), and `PropertyCases(seed:).case(index)`
/// rebuilds that case alone.
public struct PropertyCase: CustomStringConvertible {
    /// The case's position in its run.
    public let index: Int
    /// The seed its generator starts from.
    public let seed: UInt64
    /// The case's random source: every choice of the case draws from it.
    public var generator: SeededGenerator

    /// "case 17 (seed …)".
    public var description: String { "case \(index) (seed \(seed))" }

    /// A uniform integer in `range`.
    public mutating func int(in range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &generator) }

    /// A uniform double in `range`.
    public mutating func double(in range: ClosedRange<Double>) -> Double { Double.random(in: range, using: &generator) }

    /// True with probability `probability`.
    public mutating func chance(_ probability: Double) -> Bool { double(in: 0...1) < probability }

    /// `elements` in a random order.
    public mutating func shuffled<T>(_ elements: [T]) -> [T] { elements.shuffled(using: &generator) }
}

/// The cases of a seeded property test: the same cases on every run, so a failure reproduces.
///
/// ```swift
/// for var property in PropertyCases(seed: 42).prefix(100) {
///     let n = property.int(in: 0...100)
///     #expect(n + n == 2 * n, "\(property)")
/// }
/// ```
public struct PropertyCases: Sequence, IteratorProtocol {
    /// The run's seed.
    public let seed: UInt64
    private var position = 0

    /// The cases derived from `seed`.
    public init(seed: UInt64) { self.seed = seed }

    /// Case `index` of the run, on its own.
    public func `case`(_ index: Int) -> PropertyCase {
        // SplitMix64's finaliser spreads (seed, index) over the seed space.
        var z = seed &+ UInt64(index + 1) &* 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return PropertyCase(index: index, seed: z, generator: SeededGenerator(seed: z))
    }

    /// The next case.
    public mutating func next() -> PropertyCase? {
        defer { position += 1 }
        return self.case(position)
    }
}
