import Foundation
import Reco

/// Shows training progress on stderr: a live bar (step, loss, elapsed, ETA) in a terminal, one plain
/// line per report otherwise, nothing when quiet. Stdout stays clean for pipes.
final class ProgressReporter: Sendable {
    private let label: String
    private let quiet: Bool
    private let isTerminal: Bool
    private let start = Date()
    /// Whether the live bar's line is open (it needs a newline before anything else prints).
    private let drewBar = Locked(false)

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
        let loss =
            "loss \(fixed(progress.loss, 4))" + (validationRMSE.map { "  validation RMSE \(fixed($0, 4))" } ?? "")
        show(done: progress.step + 1, of: progress.totalSteps, status: loss, unit: "epoch ")
    }

    /// Shows that `done` of `total` units of work are finished and what runs now (`reco report`).
    func advance(_ done: Int, of total: Int, _ what: String) {
        show(done: done, of: total, status: what, unit: "")
    }

    private func show(done: Int, of total: Int, status: String, unit: String) {
        guard !quiet else { return }
        drewBar.withLock { drewBar in
            draw(done: done, of: total, status: status, unit: unit, drewBar: &drewBar)
        }
    }

    private func draw(done: Int, of total: Int, status: String, unit: String, drewBar: inout Bool) {
        let elapsed = Date().timeIntervalSince(start)
        let remaining = done > 0 ? elapsed / Double(done) * Double(max(0, total - done)) : 0
        let eta = done > 0 ? "ETA \(fixed(remaining, 1))s" : "ETA ?"
        if isTerminal {
            let width = 24
            let filled = total > 0 ? min(width, width * done / total) : width
            let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: max(0, width - filled))
            let line = "\r\(label) \(bar) \(done)/\(total)  \(status)  \(fixed(elapsed, 1))s  \(eta)\u{1B}[K"
            FileHandle.standardError.write(Data(line.utf8))
            drewBar = true
        } else {
            let line = "\(label): \(unit)\(done)/\(total)  \(status)  elapsed \(fixed(elapsed, 1))s  \(eta)\n"
            FileHandle.standardError.write(Data(line.utf8))
        }
    }

    /// Ends the live bar's line.
    func finish() {
        drewBar.withLock { drewBar in
            if drewBar && !quiet { FileHandle.standardError.write(Data("\n".utf8)) }
            drewBar = false
        }
    }

    /// A plain line on stderr (a step finished), unless quiet.
    func say(_ line: String) {
        guard !quiet else { return }
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
