import RealModule
import Reco
import RecoTestSupport
import Testing

struct SeededGeneratorTests {
    @Test func sameSeedSameSequenceDifferentSeedDifferentSequence() {
        var a = SeededGenerator(seed: 42)
        var b = SeededGenerator(seed: 42)
        var c = SeededGenerator(seed: 43)
        let first = (0..<5).map { _ in a.next() }
        #expect(first == (0..<5).map { _ in b.next() })
        #expect(first != (0..<5).map { _ in c.next() })
    }

    @Test func normalSamplesHaveUnitVariance() {
        var generator = SeededGenerator(seed: 1)
        let samples = (0..<20_000).map { _ in generator.nextNormal() }
        let mean = samples.reduce(0, +) / Double(samples.count)
        let variance = samples.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(samples.count)
        #expect(
            mean.isApproximatelyEqual(to: 0, absoluteTolerance: 0.03)
                && variance.isApproximatelyEqual(to: 1, absoluteTolerance: 0.05))
    }
}
