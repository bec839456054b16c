import Foundation

/// The fuzzer's scratch files: one folder per process, rewritten for every input.
enum Scratch {
    /// `/dev/shm/reco-fuzz-PID` (or the temporary directory's): inputs are written, not kept.
    static let folder: String = {
        let root = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        let path = "\(root)/reco-fuzz-\(getpid())"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()

    /// A small valid ratings file over users `u1…u3` and items `a…c`, for the feature-table target.
    static let ratings: String = write(
        "ratings-fixed.csv", Array("u1,a,4\nu1,b,2\nu2,a,5\nu2,c,1\nu3,b,3\n".utf8))

    /// `folder/name` holding `bytes`.
    @discardableResult
    static func write(_ name: String, _ bytes: [UInt8], in directory: String = folder) -> String {
        let path = "\(directory)/\(name)"
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }

    /// An emptied subfolder `name` (or the scratch folder itself for `nil`).
    static func fresh(_ name: String?) -> String {
        guard let name else { return folder }
        let path = "\(folder)/\(name)"
        try? FileManager.default.removeItem(atPath: path)
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// `bytes` cut at NUL bytes into exactly `count` parts (the last keeps any further NULs; missing
    /// parts are empty).
    static func parts(_ bytes: [UInt8], count: Int) -> [[UInt8]] {
        var parts = bytes.split(separator: 0, maxSplits: count - 1, omittingEmptySubsequences: false).map(Array.init)
        while parts.count < count { parts.append([]) }
        return parts
    }
}
