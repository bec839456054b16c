import Foundation

// libFuzzer's entry points. Its driver (started by Fuzz/Driver/driver.c) calls these: once at start,
// then once per generated input. The target is named by `RECO_FUZZ_TARGET` (see
// `Benchmarks/fuzz.sh`); a thrown error is a correct refusal, a trap or sanitizer report a bug.

nonisolated(unsafe) private var selected: FuzzTarget?

@_cdecl("LLVMFuzzerInitialize")
func fuzzerInitialize(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>
)
    -> CInt
{
    let name = ProcessInfo.processInfo.environment["RECO_FUZZ_TARGET"] ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
        let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
        FileHandle.standardError.write(Data("RECO_FUZZ_TARGET must be one of: \(names)\n".utf8))
        exit(2)
    }
    target.prepare()
    selected = target
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
    selected?.run(bytes)
    return 0
}
