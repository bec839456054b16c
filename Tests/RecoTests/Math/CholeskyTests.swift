import RealModule
import RecoTestSupport
import Testing

@testable import Reco

struct CholeskyTests {
    @Test func solvesASymmetricPositiveDefiniteSystem() throws {
        // A = [[4, 2], [2, 3]], b = [2, 1] → x = [0.5, 0].
        let x = try #require(Cholesky.solve([4, 2, 2, 3], [2, 1]))
        #expect(x.isApproximatelyEqual(to: [0.5, 0], absoluteTolerance: 1e-12))
        #expect(Cholesky.solve([1, 2, 2, 1], [1, 1]) == nil)
    }
}
