import ArgumentParser
import Foundation

/// A moment given on the command line: a date (`1998-01-01`, midnight UTC), a date and time
/// (`1998-01-01T12:00:00Z`, any ISO 8601 offset), or seconds since 1970 (`883612800`), the unit
/// of the data's timestamps.
struct TimeCutoff: ExpressibleByArgument, CustomStringConvertible {
    /// Seconds since 1970-01-01 UTC.
    let seconds: Int64

    init?(argument: String) {
        if let seconds = Int64(argument) {
            self.seconds = seconds
            return
        }
        let withTime = ISO8601DateFormatter()
        let dateOnly = ISO8601DateFormatter()
        dateOnly.formatOptions = [.withFullDate]
        guard let date = withTime.date(from: argument) ?? dateOnly.date(from: argument) else { return nil }
        seconds = Int64(date.timeIntervalSince1970.rounded(.down))
    }

    var description: String {
        ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }
}
