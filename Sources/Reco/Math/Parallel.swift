import Dispatch

/// Splits independent row work over the machine's cores.
enum Parallel {
    /// Below this much work (roughly multiply–adds) threads cost more than they save.
    static let minimumWork = 200_000

    /// Calls `body` on disjoint chunks covering 0..<count, on several threads when `work` is large.
    /// Results must not depend on the chunking (each row's arithmetic stays the same), so output is
    /// identical for any thread count.
    static func forEachChunk(of count: Int, work: Int, body: (Range<Int>) -> Void) {
        let threads = work < minimumWork ? 1 : max(1, min(ProcessInfoCores.count, count))
        if threads <= 1 {
            body(0..<count)
            return
        }
        let chunks = threads * 4
        withoutActuallyEscaping(body) { escapable in
            // The chunks are disjoint, so handing the closure to other threads is safe.
            let shared = UncheckedSendable(escapable)
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                let start = count * chunk / chunks
                let end = count * (chunk + 1) / chunks
                if start < end { shared.value(start..<end) }
            }
        }
    }
}

/// Carries a value across threads where the caller guarantees there is no data race.
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
