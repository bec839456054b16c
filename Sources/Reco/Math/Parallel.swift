import Dispatch

/// Splits independent row work over the machine's cores.
enum Parallel {
    /// Below this much work (roughly multiply–adds) threads cost more than they save.
    static let minimumWork = 200_000

    /// Calls `body` on disjoint chunks covering 0..<count, on several threads when `work` is large.
    /// Results must not depend on the chunking (each row's arithmetic stays the same), so output is
    /// identical for any thread count.
    static func forEachChunk(of count: Int, work: Int, threads requested: Int? = nil, body: (Range<Int>) -> Void) {
        let threads = work < minimumWork ? 1 : max(1, min(requested ?? ProcessInfoCores.count, count))
        if threads <= 1 {
            body(0..<count)
            return
        }
        let chunks = threads * 4
        concurrent(chunks) { chunk in
            let start = count * chunk / chunks
            let end = count * (chunk + 1) / chunks
            if start < end { body(start..<end) }
        }
    }
}

extension Parallel {
    /// Runs `body(0)`, …, `body(iterations − 1)` concurrently; the caller guarantees the iterations
    /// touch disjoint memory.
    static func concurrent(_ iterations: Int, _ body: (Int) -> Void) {
        withoutActuallyEscaping(body) { escapable in
            let shared = UncheckedSendable(escapable)
            DispatchQueue.concurrentPerform(iterations: iterations) { shared.value($0) }
        }
    }
}

/// Carries a value across threads where the caller guarantees there is no data race: the
/// non-escaping, non-`Sendable` body `concurrentPerform` runs (the compiler cannot see that the
/// iterations touch disjoint memory).
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
