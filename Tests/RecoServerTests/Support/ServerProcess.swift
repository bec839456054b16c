#if canImport(FoundationNetworking)
import Foundation
import FoundationNetworking
import RecoTestSupport
#endif

/// `reco serve` running as a child process on a free loopback port.
// `Process` and `Pipe` are not `Sendable`; the tests start and stop the process from one task.
final class ServerProcess: @unchecked Sendable {
    let process = Process()
    let port: Int
    private let output: Pipe

    /// The `reco` executable built beside the tests.
    static var executable: String? {
        var candidates: [String] = []
        candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().path + "/reco")
        if let path = Bundle.main.executablePath {
            candidates.append(URL(fileURLWithPath: path).deletingLastPathComponent().path + "/reco")
        }
        var root = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { root.deleteLastPathComponent() }
        candidates.append(root.path + "/.build/debug/reco")
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Starts `reco serve` with `arguments` (plus `--port 0`) and waits until it listens.
    init(arguments: [String]) throws {
        guard let executable = Self.executable else { throw ServerProcessError("the reco executable was not built") }
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["serve", "--port", "0"] + arguments
        output = Pipe()
        process.standardOutput = output
        try process.run()
        // The first lines say what was loaded, then "Listening on http://127.0.0.1:PORT".
        var text = ""
        let handle = output.fileHandleForReading
        let deadline = Date().addingTimeInterval(120)
        while !text.contains("Listening on"), Date() < deadline {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("Listening on") }),
            let port = Int(line.split(separator: ":").last ?? "")
        else {
            process.terminate()
            throw ServerProcessError("reco serve did not start: \(text)")
        }
        self.port = port
    }

    /// Sends `signal` and waits for the process to end; returns its exit status.
    @discardableResult
    func stop(signal: Int32) -> Int32 {
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// What the server printed after it started listening (read once it has ended).
    func remainingOutput() -> String {
        String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    }

    /// Sends a request and returns the status and body (status 0 when the connection failed).
    func request(_ method: String, _ path: String, json: String? = nil) async -> (status: Int, body: Data) {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        request.httpMethod = method
        request.timeoutInterval = 30
        if let json {
            request.httpBody = Data(json.utf8)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        do {
            let (data, response) = try await URLSession.shared.data(for: request)
            return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
        } catch {
            return (0, Data())
        }
    }
}

struct ServerProcessError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
