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
        guard !quiet else { return }
        drewBar.withLock { drewBar in
            draw(progress, validationRMSE: validationRMSE, drewBar: &drewBar)
        }
    }

    private func draw(_ progress: TrainingProgress, validationRMSE: Double?, drewBar: inout Bool) {
        let done = progress.step + 1
        let elapsed = Date().timeIntervalSince(start)
        let remaining = done > 0 ? elapsed / Double(done) * Double(max(0, progress.totalSteps - done)) : 0
        let loss =
            "loss \(fixed(progress.loss, 4))" + (validationRMSE.map { "  validation RMSE \(fixed($0, 4))" } ?? "")
        if isTerminal {
            let width = 24
            let filled = progress.totalSteps > 0 ? width * done / progress.totalSteps : width
            let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: max(0, width - filled))
            let line =
                "\r\(label) \(bar) \(done)/\(progress.totalSteps)  \(loss)  \(fixed(elapsed, 1))s  ETA \(fixed(remaining, 1))s\u{1B}[K"
            FileHandle.standardError.write(Data(line.utf8))
            drewBar = true
        } else {
            let line =
                "\(label): epoch \(done)/\(progress.totalSteps)  \(loss)  elapsed \(fixed(elapsed, 1))s  ETA \(fixed(remaining, 1))s\n"
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
