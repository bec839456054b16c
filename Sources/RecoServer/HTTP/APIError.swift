import Foundation
public import Hummingbird

/// Every error the service answers with: an HTTP status and a JSON body
/// `{"error": code, "detail": message}`.
public enum APIError: Error, CustomStringConvertible, HTTPResponseError {
    /// The body is not JSON, or not the JSON the route expects (a field missing or of the wrong type).
    case invalidJSON(String)
    /// A query or body value is outside what the route accepts (a `count` outside 1…1000, an empty
    /// list, lists of different lengths).
    case invalidParameter(String)
    /// A rating that is not a finite number within the model's scale.
    case invalidRating(String)
    /// The body is larger than the limit.
    case bodyTooLarge(limit: Int)
    /// A user the service does not know.
    case unknownUser(String, suggestions: [String])
    /// An item the service does not know.
    case unknownItem(String, suggestions: [String])
    /// No route has this path.
    case notFound(method: String, path: String)
    /// The path has routes, none for this method; `allowed` are the methods it has.
    case methodNotAllowed(method: String, path: String, allowed: [String])
    /// A feature the served model does not know, with the closest ones it does.
    case unknownFeature(String, suggestions: [String])
    /// The model cannot answer this kind of question.
    case notSupported(String)
    /// Write and admin routes need `Authorization: Bearer <token>`.
    case unauthorized
    /// A retrain (or a reload) is already running.
    case retrainRunning
    /// `POST /v1/admin/reload` found a model file it cannot read; the old model keeps serving.
    case invalidModelFile(String)
    /// Anything else: a bug or a failing disk, never bad input.
    case internalError(String)

    /// The error code in the body.
    public var code: String {
        switch self {
        case .invalidJSON: return "invalid_json"
        case .invalidParameter: return "invalid_parameter"
        case .invalidRating: return "invalid_rating"
        case .bodyTooLarge: return "body_too_large"
        case .unknownUser: return "unknown_user"
        case .unknownItem: return "unknown_item"
        case .notFound: return "not_found"
        case .methodNotAllowed: return "method_not_allowed"
        case .unknownFeature: return "unknown_feature"
        case .notSupported: return "not_supported"
        case .unauthorized: return "unauthorized"
        case .retrainRunning: return "retrain_running"
        case .invalidModelFile: return "invalid_model_file"
        case .internalError: return "internal"
        }
    }

    /// The HTTP status.
    public var status: HTTPResponse.Status {
        switch self {
        case .invalidJSON, .invalidParameter: return .badRequest
        case .invalidRating, .notSupported, .unknownFeature: return .unprocessableContent
        case .bodyTooLarge: return .contentTooLarge
        case .unknownUser, .unknownItem, .notFound: return .notFound
        case .methodNotAllowed: return .methodNotAllowed
        case .unauthorized: return .unauthorized
        case .retrainRunning, .invalidModelFile: return .conflict
        case .internalError: return .internalServerError
        }
    }

    /// What went wrong, for people.
    public var description: String {
        func listed(_ ids: [String]) -> String {
            ids.isEmpty ? "" : "; did you mean \(ids.map { "'\($0)'" }.joined(separator: ", "))?"
        }
        switch self {
        case .invalidJSON(let detail), .invalidParameter(let detail), .invalidRating(let detail),
            .notSupported(let detail):
            return detail
        case .bodyTooLarge(let limit): return "the body is larger than the limit of \(limit) bytes"
        case .unknownUser(let id, let suggestions): return "unknown user '\(id)'\(listed(suggestions))"
        case .unknownItem(let id, let suggestions): return "unknown item '\(id)'\(listed(suggestions))"
        case .notFound(let method, let path): return "no route for \(method) \(path)"
        case .methodNotAllowed(let method, let path, let allowed):
            return "\(path) answers \(allowed.joined(separator: ", ")), not \(method)"
        case .unknownFeature(let name, let suggestions): return "unknown feature '\(name)'\(listed(suggestions))"
        case .unauthorized: return "this route needs the header 'Authorization: Bearer <token>' with the server's token"
        case .retrainRunning:
            return "a retrain or a reload is already running; GET /v1/admin/status shows its progress"
        case .invalidModelFile(let detail): return "the model file cannot be served, the old model still is: \(detail)"
        case .internalError(let detail): return detail
        }
    }

    struct Body: Encodable {
        var error: String
        var detail: String
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = try JSONResponse.make(Body(error: code, detail: description), status: status)
        switch self {
        case .unauthorized: response.headers[.wwwAuthenticate] = "Bearer"
        case .methodNotAllowed(_, _, let allowed): response.headers[.allow] = allowed.joined(separator: ", ")
        default: break
        }
        return response
    }
}
