#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file written a buffer at a time and put in place atomically by `commit()`, for output too large
/// to hold in memory at once (an export of 100 million ratings). Until `commit()` the target is
/// untouched; a writer released without committing removes its temporary file.
public final class AtomicFileWriter {
    /// The file being replaced.
    public let path: String
    private let temporary: String
    private var descriptor: Int32
    private var buffer: [UInt8] = []
    private static let flushSize = 1 << 20

    /// Opens a temporary file beside `path`.
    ///
    /// - Throws: `WriteError` when the folder cannot be written.
    public init(path: String) throws(WriteError) {
        self.path = path
        temporary = path + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        descriptor = open(temporary, O_CREAT | O_WRONLY | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
        buffer.reserveCapacity(Self.flushSize + 4096)
    }

    deinit {
        if descriptor >= 0 {
            close(descriptor)
            unlink(temporary)
        }
    }

    /// Appends bytes, writing to the temporary file whenever a megabyte has gathered.
    public func append(_ bytes: some Sequence<UInt8>) throws(WriteError) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.flushSize { try flush() }
    }

    /// Appends the UTF-8 bytes of `text`.
    public func append(_ text: String) throws(WriteError) {
        try append(text.utf8)
    }

    /// Flushes, syncs and renames the temporary file over `path`.
    ///
    /// - Throws: `WriteError`; the old file, if any, is kept.
    public func commit() throws(WriteError) {
        try flush()
        guard fsync(descriptor) == 0 else { throw abandon("fsync failed: \(String(cString: strerror(errno)))") }
        close(descriptor)
        descriptor = -1
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw WriteError(path: path, reason: reason)
        }
    }

    private func flush() throws(WriteError) {
        var written = 0
        while written < buffer.count {
            let result = buffer.withUnsafeBytes { bytes in
                Glibc.write(descriptor, bytes.baseAddress! + written, bytes.count - written)
            }
            if result < 0 {
                if errno == EINTR { continue }
                throw abandon(String(cString: strerror(errno)))
            }
            written += result
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Closes and removes the temporary file, returning the error to throw.
    private func abandon(_ reason: String) -> WriteError {
        close(descriptor)
        descriptor = -1
        unlink(temporary)
        return WriteError(path: path, reason: reason)
    }
}
