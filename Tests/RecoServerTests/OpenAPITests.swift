import Foundation
import Hummingbird
import HummingbirdTesting
import Reco
import RecoServer
import RecoTestSupport
import Testing

/// `docs/openapi.yaml` is the document the service serves, and it lists exactly the routes the
/// router registers, with the token on exactly the routes that need it. (That every answer conforms
/// to it is schemathesis' part: `Benchmarks/fuzz-api.sh`, run briefly in CI.)
@Suite("OpenAPI document")
struct OpenAPITests {
    /// `METHOD /path` of every operation in the document, and whether it declares `security`.
    static func documentedOperations(_ yaml: String) -> [String: Bool] {
        var operations: [String: Bool] = [:]
        var path: String?
        var operation: String?
        var inPaths = false
        for line in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            if !line.hasPrefix(" ") {
                inPaths = line == "paths:"
                path = nil
                operation = nil
                continue
            }
            guard inPaths else { continue }
            if line.hasPrefix("  /"), line.hasSuffix(":"), !line.hasPrefix("   ") {
                path = String(line.dropFirst(2).dropLast())
                operation = nil
            } else if let path, line.hasPrefix("    "), !line.hasPrefix("     "), line.hasSuffix(":") {
                let method = line.trimmingCharacters(in: .whitespaces).dropLast().uppercased()
                operation = "\(method) \(path)"
                operations[operation!] = false
            } else if let current = operation, line.hasPrefix("      security:") {
                operations[current] = true
            }
        }
        return operations
    }

    @Test("the document lists every route the router has, and no other; security on exactly the token's routes")
    func documentMatchesRoutes() async throws {
        let harness = try await ServerHarness.sample(kind: .popularity, parameters: [:])
        let documented = Self.documentedOperations(OpenAPIDocument.yaml)
        let registered = Dictionary(
            uniqueKeysWithValues: harness.service.routes.routes.map {
                ("\($0.method.rawValue) \($0.openAPIPath)", $0.needsToken)
            })
        #expect(documented.count == 18)
        #expect(Set(documented.keys) == Set(registered.keys))
        for (operation, needsToken) in registered {
            #expect(documented[operation] == needsToken, "\(operation): security in the document")
        }
    }

    @Test("GET /openapi.yaml answers docs/openapi.yaml, which is `reco openapi`")
    func servedDocument() async throws {
        let file = try #require(FileManager.default.contents(atPath: Fixtures.packageRoot + "/docs/openapi.yaml"))
        #expect(
            String(decoding: file, as: UTF8.self) == OpenAPIDocument.yaml,
            "docs/openapi.yaml differs from OpenAPIDocument.yaml: regenerate it with `reco openapi > docs/openapi.yaml`"
        )
        let harness = try await ServerHarness.sample(kind: .popularity, parameters: [:], token: "secret")
        try await harness.run { client in
            let response = try await client.get("/openapi.yaml")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/yaml; charset=utf-8")
            #expect(response.text == OpenAPIDocument.yaml)
        }
    }

    /// Every documented operation answers something other than "no route" through the router (with
    /// the token), so a path spelled differently in the document and the code cannot pass.
    @Test("every documented operation is answered by a route")
    func everyOperationIsRouted() async throws {
        let harness = try await ServerHarness.sample(kind: .popularity, parameters: [:], token: "secret")
        let operations = Self.documentedOperations(OpenAPIDocument.yaml).keys.sorted()
        let user = harness.service.live.model.saved.training.userIDs.id(at: 0)
        let item = harness.service.live.model.saved.training.itemIDs.id(at: 0)
        try await harness.run { client in
            for operation in operations {
                let parts = operation.split(separator: " ")
                let path = String(parts[1]).replacingOccurrences(
                    of: "{id}", with: parts[1].contains("/items/{id}") ? item : user
                )
                .replacingOccurrences(of: "{item}", with: item)
                let headers: HTTPFields = [.authorization: "Bearer secret"]
                let response =
                    parts[0] == "GET"
                    ? try await client.get(path, headers: headers)
                    : try await client.post(path, json: "{}", headers: headers)
                #expect(
                    response.errorCode != "not_found", "\(operation) → \(response.status): \(response.text.prefix(120))"
                )
            }
        }
    }
}
