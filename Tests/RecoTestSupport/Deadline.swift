/// A wait that took longer than it was allowed.
public struct DeadlineExceeded: Error, CustomStringConvertible {
    /// What was awaited, and for how long.
    public let description: String
}

/// Polls `condition` every `interval` until it holds.
///
/// - Throws: `DeadlineExceeded` naming `what` when it still does not hold after `timeout`.
public func waitUntil(
    _ what: String, timeout: Duration = .seconds(60), interval: Duration = .milliseconds(10),
    _ condition: () async throws -> Bool
) async throws {
    let clock = ContinuousClock()
    let deadline = clock.now + timeout
    while try await !condition() {
        guard clock.now < deadline else { throw DeadlineExceeded(description: "waited \(timeout) for \(what)") }
        try await Task.sleep(for: interval)
    }
}
