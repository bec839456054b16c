/// How `reco serve` runs.
public struct ServerConfiguration: Sendable {
    /// The model file served (and rewritten by each retrain).
    public var modelPath: String
    /// The SQLite database of ratings.
    public var databasePath: String
    /// A dataset to import into an empty database at the first start (the model's full history).
    public var importPath: String?
    /// The address to listen on.
    public var host: String = "127.0.0.1"
    /// The port to listen on (0: any free port).
    public var port: Int = 8080
    /// The bearer token write and admin routes require, or `nil` to leave them open.
    public var token: String?
    /// The largest request body accepted, in bytes.
    public var bodyLimit: Int = 1 << 20

    /// A configuration with defaults for the rest.
    public init(modelPath: String, databasePath: String, importPath: String? = nil) {
        self.modelPath = modelPath
        self.databasePath = databasePath
        self.importPath = importPath
    }
}
