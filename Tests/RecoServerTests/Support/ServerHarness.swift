import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Reco
import RecoServer
import RecoTestSupport

/// A service over a small trained model in a temporary folder, driven in process.
struct ServerHarness {
    let folder: String
    let service: RecoService

    var modelPath: String { folder + "/model.reco" }
    var databasePath: String { folder + "/reco.sqlite" }

    /// The built-in sample catalogue (400 users, 240 items, genres) with a small model of `kind`.
    ///
    /// A rating model gets no ranker unless `parameters` names one: the ranker's ALS takes 2 s a fit
    /// in a debug build, and only the tests of lists by interest need it (they pass `ranker`).
    static func sample(
        kind: ModelKind = .biasedMF, parameters: [String: String] = ["factors": "8", "epochs": "15"],
        token: String? = nil,
        bodyLimit: Int = 1 << 20
    ) async throws -> ServerHarness {
        var parameters = parameters
        if kind.hasParameter("ranker") && parameters["ranker"] == nil { parameters["ranker"] = "none" }
        let dataset = SampleCatalog.generate()
        let model = try kind.fit(
            dataset.ratings, itemFeatures: dataset.itemFeatures, parameters: ModelParameters(parameters))
        let saved = SavedModel(
            model: model, parameters: ModelParameters(parameters), training: dataset.ratings,
            itemTitles: dataset.itemTitles)
        return try await start(saved, token: token, bodyLimit: bodyLimit)
    }

    /// A service over `saved`, written to a fresh folder.
    static func start(
        _ saved: SavedModel, token: String? = nil, bodyLimit: Int = 1 << 20, importPath: String? = nil
    ) async throws -> ServerHarness {
        let folder = NSTemporaryDirectory() + "reco-server-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try saved.write(to: folder + "/model.reco")
        var configuration = ServerConfiguration(
            modelPath: folder + "/model.reco", databasePath: folder + "/reco.sqlite", importPath: importPath)
        configuration.token = token
        configuration.bodyLimit = bodyLimit
        return ServerHarness(folder: folder, service: try await RecoService.start(configuration))
    }

    /// Runs `body` with a client of the service's router (no sockets).
    func run(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let application = Application(router: service.router())
        try await application.test(.router) { client in try await body(client) }
    }
}

extension TestClientProtocol {
    /// GET `uri`.
    func get(_ uri: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        try await execute(uri: uri, method: .get, headers: headers)
    }

    /// POST `json` to `uri`.
    func post(_ uri: String, json: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        var fields = headers
        fields[.contentType] = "application/json"
        return try await execute(uri: uri, method: .post, headers: fields, body: ByteBuffer(string: json))
    }
}

extension TestResponse {
    /// The body as a JSON object (empty when it is not one).
    var object: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView))) as? [String: Any] ?? [:]
    }

    /// The body as text.
    var text: String { String(buffer: body) }

    /// The ids of the `items` array.
    var itemIDs: [String] { (object["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String } }

    /// The `error` code of an error body.
    var errorCode: String? { object["error"] as? String }
}
