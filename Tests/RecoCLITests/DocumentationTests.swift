import ArgumentParser
import Foundation
import Reco
import RecoTestSupport
import Testing

@testable import reco

/// The README's model table and docs/models.md are what `reco models` prints from the models' own
/// declarations, and `--help` texts are paragraphs that argument-parser can wrap.
@Suite("Documentation")
struct DocumentationTests {
    static func file(_ path: String) throws -> String {
        try #require(
            FileManager.default.contents(atPath: Fixtures.packageRoot + "/" + path).map {
                String(decoding: $0, as: UTF8.self)
            })
    }

    @Test("the README's model table is `reco models --format markdown`")
    func readmeModelTable() throws {
        let readme = try Self.file("README.md")
        let begin = "<!-- reco models --format markdown -->\n"
        let end = "\n<!-- end of reco models -->"
        let start = try #require(readme.range(of: begin), "the README has no generated model table")
        let stop = try #require(readme.range(of: end, range: start.upperBound..<readme.endIndex))
        let table = String(readme[start.upperBound..<stop.lowerBound])
        #expect(
            table == ModelsCommand.summary(ModelRegistry.standard.kinds),
            "regenerate it with `reco models --format markdown`")
    }

    @Test("docs/models.md is `reco models --format markdown --parameters`")
    func modelReference() throws {
        let reference = try Self.file("docs/models.md")
        #expect(
            reference == ModelsCommand.reference(ModelRegistry.standard.kinds) + "\n",
            "regenerate it with `reco models --format markdown --parameters > docs/models.md`")
    }

    @Test("every discussion is written in paragraphs for argument-parser to wrap, not hard-wrapped lines")
    func helpParagraphs() {
        for command in [RecoCommand.self] + RecoCommand.configuration.subcommands {
            let lines = command.configuration.discussion.split(separator: "\n", omittingEmptySubsequences: false)
            for (line, next) in zip(lines, lines.dropFirst()) where !line.isEmpty && !next.isEmpty {
                // Two prose lines in a row are a paragraph broken by hand; examples are indented.
                let prose = !line.hasPrefix(" ") && !next.hasPrefix(" ")
                #expect(
                    !prose,
                    "\(command.configuration.commandName ?? "reco"): '\(line)' is followed by '\(next)' in the same paragraph"
                )
            }
        }
    }

    @Test("every command's help has an example")
    func helpExamples() {
        for command in RecoCommand.configuration.subcommands {
            #expect(
                command.configuration.discussion.contains("reco \(command.configuration.commandName ?? "")"),
                "\(command)")
        }
    }
}
