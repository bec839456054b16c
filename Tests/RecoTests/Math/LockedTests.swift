import Dispatch
import Testing

@testable import Reco

struct LockedTests {
    /// 8 threads × 5,000 read-modify-writes of one dictionary: none is lost.
    @Test func updatesFromManyThreadsAreNotLost() {
        let counts = Locked([String: Int]())
        DispatchQueue.concurrentPerform(iterations: 8) { thread in
            for step in 0..<5_000 { counts.withLock { $0["key \(step % 7)", default: 0] += thread + 1 } }
        }
        // Σ over threads of (thread + 1) · 5,000 = 36 · 5,000.
        #expect(counts.withLock { $0.values.reduce(0, +) } == 180_000)
    }

    @Test func withLockPassesItsErrorThrough() {
        enum Failure: Error { case expected }
        let value = Locked(1)
        #expect(throws: Failure.expected) { try value.withLock { _ throws(Failure) in throw .expected } }
        #expect(value.withLock { $0 } == 1)
    }
}
