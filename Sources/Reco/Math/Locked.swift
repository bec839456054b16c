#if canImport(Glibc)
internal import Glibc
#elseif canImport(Musl)
internal import Musl
#elseif canImport(Darwin)
internal import Darwin
#endif

/// A value behind a POSIX mutex, for state the package's threads share (the service's live model,
/// its rating buffer and retrain status, a tuning run's results, the CLI's progress).
///
/// `Synchronization.Mutex` would do the same, but on Linux it waits on a futex directly, which
/// ThreadSanitizer does not see: every access under it is reported as a race (a six-line program
/// shows it), so `swift test --sanitize=thread` could not tell a real race from the lock. A
/// `pthread_mutex_t` is intercepted, and the sanitizer reports real races only.
package final class Locked<Value: Sendable>: @unchecked Sendable {
    private var value: Value
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>

    /// `value`, behind a new lock.
    package init(_ value: Value) {
        self.value = value
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        let status = pthread_mutex_init(mutex, nil)
        precondition(status == 0, "pthread_mutex_init failed: \(status)")
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    /// Runs `body` on the value with the lock held.
    package func withLock<Result, Failure: Error>(
        _ body: (inout Value) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }
}
