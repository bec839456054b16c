import Foundation

/// Runs CPU-bound work (a retrain) on a thread of its own, so it never holds one of the threads of
/// Swift's cooperative pool that answer requests.
enum DedicatedThread {
    /// The result of `work`, run on a new thread named `name`.
    ///
    /// - Throws: what `work` throws.
    static func run<Value: Sendable>(name: String, _ work: @escaping @Sendable () throws -> Value) async throws -> Value
    {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(with: Result { try work() })
            }
            thread.name = name
            // Training recurses little but allocates large stack buffers in places; 8 MiB as a main thread has.
            thread.stackSize = 8 << 20
            thread.start()
        }
    }
}
