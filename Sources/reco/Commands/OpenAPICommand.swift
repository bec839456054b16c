import ArgumentParser
import RecoServer

/// `reco openapi`: the service's OpenAPI document, as `reco serve` serves it at `/openapi.yaml`.
struct OpenAPICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "openapi",
        abstract: "Print the OpenAPI 3.1 document of `reco serve` (every route, parameter, body, answer and error).",
        discussion: """
            The same document the running service answers at GET /openapi.yaml; docs/openapi.yaml is \
            this command's output. Generate a client from it, or test a deployment against it.

            Example:
              reco openapi > openapi.yaml
            """
    )

    func run() {
        print(OpenAPIDocument.yaml, terminator: "")
    }
}
