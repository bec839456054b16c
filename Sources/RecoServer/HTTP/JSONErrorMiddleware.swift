import Foundation
public import Hummingbird

/// Turns every error into a JSON answer `{"error": code, "detail": message}` with a 4xx status
/// for bad requests (and 500 only for the service's own failures).
public struct JSONErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The body limit named in `body_too_large` errors.
    public var bodyLimit: Int
    /// The router's paths (Hummingbird patterns, `:name` for a parameter) and their methods: a
    /// request for one of these paths with another method is `405` with `Allow`, not "no route".
    public var methods: [(path: [Substring], methods: [String])]

    /// The middleware; `bodyLimit` is the limit the routes enforce, `methods` the methods of each
    /// path pattern.
    public init(bodyLimit: Int, methods: [String: [String]] = [:]) {
        self.bodyLimit = bodyLimit
        self.methods = methods.sorted { $0.key < $1.key }.map {
            (path: $0.key.split(separator: "/"), methods: $0.value)
        }
    }

    /// The methods of the path pattern `path` matches, or `nil` when it matches none.
    func allowedMethods(_ path: String) -> [String]? {
        let segments = path.split(separator: "/")
        return methods.first { pattern in
            pattern.path.count == segments.count
                && zip(pattern.path, segments).allSatisfy { $0.hasPrefix(":") || $0 == $1 }
        }?.methods
    }

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            return try apiError(for: error, request: request).response(
                from: request, context: context)
        }
    }

    func apiError(for error: any Error, request: Request) -> APIError {
        switch error {
        case let error as APIError:
            return error
        case let error as HTTPError:
            switch error.status {
            case .notFound, .methodNotAllowed:
                let method = request.method.rawValue
                let path = request.uri.path
                if let allowed = allowedMethods(path), !allowed.contains(method) {
                    return .methodNotAllowed(method: method, path: path, allowed: allowed)
                }
                return .notFound(method: method, path: path)
            case .contentTooLarge: return .bodyTooLarge(limit: bodyLimit)
            default:
                return error.status.code < 500
                    ? .invalidParameter(error.body ?? error.status.reasonPhrase) : .internalError("\(error)")
            }
        case let error as DecodingError:
            return .invalidJSON(Self.describe(error))
        default:
            return .internalError("\(error)")
        }
    }

    /// A decoding error in words, with the path of the offending field.
    static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            let names = keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return names.isEmpty ? "the body" : "field '\(names.hasPrefix(".") ? String(names.dropFirst()) : names)'"
        }
        switch error {
        case .typeMismatch(let type, let context):
            return "\(path(context.codingPath)) should be \(Self.name(type)): \(context.debugDescription)"
        case .valueNotFound(let type, let context):
            return "\(path(context.codingPath)) should be \(Self.name(type)), not null"
        case .keyNotFound(let key, let context):
            return "\(path(context.codingPath + [key])) is missing"
        case .dataCorrupted(let context):
            let underlying = (context.underlyingError as? NSError)?.userInfo[NSDebugDescriptionErrorKey] as? String
            return
                "\(context.codingPath.isEmpty ? "the body is not valid JSON" : path(context.codingPath)): \(underlying ?? context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }

    static func name(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Double.Type, is Float.Type: return "a number"
        case is Int.Type, is Int64.Type: return "an integer"
        case is Bool.Type: return "true or false"
        default: return "\(type)".contains("Array") ? "an array" : "an object"
        }
    }
}
