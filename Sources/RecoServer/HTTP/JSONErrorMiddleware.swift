import Foundation
public import Hummingbird

/// Turns every error into a JSON answer `{"error": code, "detail": message}` with a 4xx status
/// for bad requests (and 500 only for the service's own failures).
public struct JSONErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The body limit named in `body_too_large` errors.
    public var bodyLimit: Int

    /// The middleware; `bodyLimit` is the limit the routes enforce.
    public init(bodyLimit: Int) {
        self.bodyLimit = bodyLimit
    }

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            return try Self.apiError(for: error, request: request, bodyLimit: bodyLimit).response(
                from: request, context: context)
        }
    }

    static func apiError(for error: any Error, request: Request, bodyLimit: Int) -> APIError {
        switch error {
        case let error as APIError:
            return error
        case let error as HTTPError:
            switch error.status {
            case .notFound: return .notFound(method: request.method.rawValue, path: request.uri.path)
            case .contentTooLarge: return .bodyTooLarge(limit: bodyLimit)
            case .methodNotAllowed: return .notFound(method: request.method.rawValue, path: request.uri.path)
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
