import RealModule
import RecoTestSupport
import Testing

@testable import Reco

struct KernelsTests {
    /// Seeded values in [−1, 1).
    func vector(_ count: Int, seed: UInt64) -> [Float] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { _ in Float(generator.nextUnit() * 2 - 1) }
    }

    /// Σ aᵢbᵢ in Double, lane after lane.
    func reference(_ a: [Float], _ b: [Float]) -> Double {
        zip(a, b).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
    }

    // Every path: SIMD8 pairs, one SIMD8, the SIMD4 tail and scalars (100 = 6·16 + 4).
    @Test(arguments: [1, 3, 4, 7, 8, 12, 16, 20, 29, 100, 101])
    func dotMatchesADoubleSum(count: Int) {
        let a = vector(count, seed: 1), b = vector(count, seed: 2)
        let dot = Kernels.dot(a, b, count: count)
        #expect(Double(dot).isApproximatelyEqual(to: reference(a, b), absoluteTolerance: 1e-5 * Double(count)))
    }

    @Test(arguments: [1, 3, 4, 7, 8, 12, 16, 20, 29, 100, 101])
    func stepThenDotIsTheStepFollowedByTheDot(count: Int) {
        let next = vector(count, seed: 5)
        var p1 = vector(count, seed: 3), q1 = vector(count, seed: 4)
        var p2 = p1, q2 = q1
        Kernels.sgdStep(&p1, &q1, count: count, error: 0.7, learningRate: 0.05, regularization: 0.02)
        let expected = reference(p1, next)
        let dot = Kernels.sgdStepThenDot(
            &p2, &q2, count: count, error: 0.7, learningRate: 0.05, regularization: 0.02, next: next)
        // The same lane arithmetic, so the vectors agree to the bit; the dot only in summation order.
        #expect(p1 == p2 && q1 == q2)
        #expect(Double(dot).isApproximatelyEqual(to: expected, absoluteTolerance: 1e-5 * Double(count)))
    }
}
