import Foundation

/// The number of cores work may use: `RECO_THREADS` when set, else the active processor count.
enum ProcessInfoCores {
    static let count: Int = {
        if let value = ProcessInfo.processInfo.environment["RECO_THREADS"], let threads = Int(value), threads > 0 {
            return threads
        }
        return max(1, ProcessInfo.processInfo.activeProcessorCount)
    }()
}
