import Foundation
import Reco

/// Shows training progress on stderr: a live bar (step, loss, elapsed, ETA) in a terminal, one plain
/// line per report otherwise, nothing when quiet. Stdout stays clean for pipes.
final class ProgressReporter: @unchecked Sendable {
    private let label: String
    private let quiet: Bool
    private let isTerminal: Bool
    private let start = Date()
    private let lock = NSLock()
    private var drewBar = false

    init(label: String, quiet: Bool = false) {
        self.label = label
        self.quiet = quiet
        self.isTerminal = isatty(STDERR_FILENO) == 1
    }

    /// The observer to hand to a model's `fit`.
    var observer: TrainingObserver {
        { [self] progress in self.report(progress) }
    }

    func report(_ progress: TrainingProgress, validationRMSE: Double? = nil) {
        guard !quiet else { return }
        lock.lock()
        defer { lock.unlock() }
        let done = progress.step + 1
        let elapsed = Date().timeIntervalSince(start)
        let remaining = done > 0 ? elapsed / Double(done) * Double(max(0, progress.totalSteps - done)) : 0
        let loss = "loss \(fixed(progress.loss, 4))" + (validationRMSE.map { "  validation RMSE \(fixed($0, 4))" } ?? "")
        if isTerminal {
            let width = 24
            let filled = progress.totalSteps > 0 ? width * done / progress.totalSteps : width
            let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: max(0, width - filled))
            let line = "\r\(label) \(bar) \(done)/\(progress.totalSteps)  \(loss)  \(fixed(elapsed, 1))s  ETA \(fixed(remaining, 1))s\u{1B}[K"
            FileHandle.standardError.write(Data(line.utf8))
            drewBar = true
        } else {
            let line = "\(label): epoch \(done)/\(progress.totalSteps)  \(loss)  elapsed \(fixed(elapsed, 1))s  ETA \(fixed(remaining, 1))s\n"
            FileHandle.standardError.write(Data(line.utf8))
        }
    }

    /// Ends the live bar's line.
    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if drewBar && !quiet { FileHandle.standardError.write(Data("\n".utf8)) }
        drewBar = false
    }
}
