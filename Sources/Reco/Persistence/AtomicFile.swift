#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a file could not be written.
public struct WriteError: Error, CustomStringConvertible, Equatable {
    /// The file that was being written.
    public var path: String
    /// What failed.
    public var reason: String
    /// What went wrong, for people.
    public var description: String { "\(path): cannot write (\(reason))" }
}

/// Writes files atomically: the bytes go to a temporary file in the same folder, are flushed to
/// disk, and the temporary file is renamed over the target. A crash leaves either the old file or
/// the new one, never half of one.
public enum AtomicFile {
    /// Replaces `path` with `bytes`.
    public static func write(_ bytes: [UInt8], to path: String) throws(WriteError) {
        let file = try AtomicFileWriter(path: path)
        try file.append(bytes)
        try file.commit()
    }

    /// Replaces `path` with the UTF-8 bytes of `text`.
    public static func write(_ text: String, to path: String) throws(WriteError) {
        try write(Array(text.utf8), to: path)
    }
}
