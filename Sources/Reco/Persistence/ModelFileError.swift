/// Why a model file could not be read. Each case says what is wrong with which file.
public enum ModelFileError: Error, CustomStringConvertible, Equatable {
    /// The file does not exist or cannot be read.
    case unreadable(path: String, reason: String)
    /// The file does not start with Reco's magic number.
    case notAModelFile(path: String)
    /// The file is a Reco model of a format version this build does not read.
    case unsupportedVersion(path: String, found: UInt32, supported: UInt32)
    /// The file ends before its declared length.
    case truncated(path: String, expectedBytes: Int, foundBytes: Int)
    /// The body does not match its checksum.
    case checksumMismatch(path: String, stored: UInt32, computed: UInt32)
    /// The body passed the checksum but does not describe a model (a bug or a hand-made file).
    case malformed(path: String, reason: String)

    /// What went wrong, for people.
    public var description: String {
        switch self {
        case .unreadable(let path, let reason): return "\(path): cannot read the model (\(reason))"
        case .notAModelFile(let path): return "\(path): not a Reco model file (the magic number RECOMODL is missing)"
        case .unsupportedVersion(let path, let found, let supported):
            return
                "\(path): model format version \(found), but this reco reads version \(supported); retrain or upgrade reco"
        case .truncated(let path, let expected, let found):
            return "\(path): the model file is truncated: \(found) bytes of \(expected)"
        case .checksumMismatch(let path, let stored, let computed):
            return "\(path): the model file is corrupted: CRC-32 is \(hex(computed)), the file says \(hex(stored))"
        case .malformed(let path, let reason): return "\(path): malformed model: \(reason)"
        }
    }

    private func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
    }
}
