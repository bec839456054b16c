import ArgumentParser
import Foundation
import Hummingbird
import Logging
import Reco
import RecoServer
import ServiceLifecycle
import UnixSignals

/// `reco serve`: the HTTP recommendation service.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve recommendations over HTTP, learning from every rating it receives.",
        discussion: """
            Ratings POSTed to the service are stored in the SQLite database (--db) and folded into the user's \
            vector at once; POST /v1/admin/retrain retrains from the database in the background and swaps the new \
            model in. The first start fills an empty database from --import (the model's dataset, with \
            timestamps) or else from the model's own training ratings. Routes: docs/api.md.

            Example:
              reco serve --model movielens.reco --db reco.sqlite --import ../shared/data/ml-100k --token-file token.txt
            """
    )

    @Option(help: ArgumentHelp("The model to serve (a `reco train` file); retrains rewrite it.", valueName: "file"))
    var model: String

    @Option(help: ArgumentHelp("The SQLite database of ratings (created when missing).", valueName: "file"))
    var db: String

    @Option(
        name: .customLong("import"),
        help: ArgumentHelp("Dataset to import into an empty database at the first start.", valueName: "path"))
    var importPath: String?

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on (0: any free port, printed at start).")
    var port = 8080

    @Option(
        help: ArgumentHelp("A file holding the bearer token that write and admin routes require.", valueName: "file"))
    var tokenFile: String?

    @Option(help: ArgumentHelp("The largest request body accepted, in bytes.", valueName: "bytes"))
    var bodyLimit = 1 << 20

    @Option(help: ArgumentHelp("Log level: trace, debug, info, notice, warning, error, critical.", valueName: "level"))
    var logLevel = "notice"

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be in 0...65535") }
        guard bodyLimit > 0 else { throw ValidationError("--body-limit must be positive") }
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level '\(logLevel)' is not a level")
        }
    }

    func run() async throws {
        var configuration = ServerConfiguration(modelPath: model, databasePath: db, importPath: importPath)
        configuration.host = host
        configuration.port = port
        configuration.bodyLimit = bodyLimit
        if let tokenFile {
            guard let text = try? String(contentsOfFile: tokenFile, encoding: .utf8) else {
                throw CommandError("cannot read the token file \(tokenFile)")
            }
            let token = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard token.count >= 16 else {
                throw CommandError("the token in \(tokenFile) is shorter than 16 characters")
            }
            configuration.token = token
        }
        let service = try await RecoService.start(configuration)
        for line in service.startupReport { Self.say(line) }
        let model = service.live.model
        let saved = model.saved
        Self.say(
            "Serving \(saved.kind.name) version \(model.version) (\(saved.training.userCount) users, \(saved.training.itemCount) items, "
                + "trained \(saved.trainedAt)) from \(db)")
        if configuration.token == nil {
            Self.say(
                "WARNING: no --token-file: anyone who can reach \(host):\(port) can POST ratings and retrain. "
                    + "Give --token-file FILE to require 'Authorization: Bearer <token>'.")
        }
        var logger = Logger(label: "reco")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .notice
        let application = service.application(logger: logger) { port in
            Self.say("Listening on http://\(host):\(port)")
        }
        let group = ServiceGroup(
            configuration: .init(services: [application], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
        Self.say("Stopped")
    }

    /// A line on stdout, flushed at once (the durability test and scripts read it).
    static func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}
