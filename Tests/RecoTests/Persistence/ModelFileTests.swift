import Foundation
import Reco
import RecoTestSupport
import Testing

/// The file format itself: integrity checks, atomic writes, lookups. What every model must do
/// with a file is in `RegistryTests`; files of older builds in `ModelFormatCompatibilityTests`.
struct ModelFileTests {
    static let ratings = Fixtures.plantedLowRank(users: 40, items: 30, rank: 2, density: 0.5, seed: 31)

    static func saved(_ kind: ModelKind) throws -> SavedModel {
        let parameters = ModelParameters(kind == .biasedMF ? ["factors": "5"] : [:])
        let model = try kind.fit(ratings, parameters: parameters)
        let titles = (0..<ratings.itemCount).map { "Movie \($0), The (19\($0 + 50))" }
        return SavedModel(model: model, parameters: parameters, training: ratings, itemTitles: titles, source: "test")
    }

    static func bytes(_ kind: ModelKind = .biasedMF) throws -> [UInt8] {
        ModelFile.encode(try saved(kind).archive())
    }

    @Test(arguments: [0, 1, 7, 8, 12, 19, 20, 100, -1])
    func truncatedFilesAreRejected(offset: Int) throws {
        let bytes = try Self.bytes()
        let cut = Array(bytes.prefix(offset < 0 ? bytes.count + offset : offset))
        let error = try #require(throws: ModelFileError.self) { try ModelFile.decode(cut, file: "m.reco") }
        if offset == 0 {
            #expect(error == .notAModelFile(path: "m.reco"))
        } else {
            guard case .truncated(_, _, let found) = error else {
                Issue.record("expected truncated, got \(error)"); return
            }
            #expect(found == cut.count)
            #expect(error.description.contains("truncated"))
        }
    }

    @Test func flippedBytesAreCaught() throws {
        let bytes = try Self.bytes()
        // In the body or the stored checksum: the CRC catches it.
        for position in [20, 21, 200, bytes.count / 2, bytes.count - 6, bytes.count - 1] {
            var corrupted = bytes
            corrupted[position] ^= 0x10
            let error = try #require(throws: ModelFileError.self) { try ModelFile.decode(corrupted, file: "m.reco") }
            guard case .checksumMismatch = error else {
                Issue.record("byte \(position): expected a checksum mismatch, got \(error)"); continue
            }
            #expect(error.description.contains("corrupted"))
        }
        var magic = bytes
        magic[2] ^= 0x01
        #expect(throws: ModelFileError.notAModelFile(path: "m.reco")) { try ModelFile.decode(magic, file: "m.reco") }
        var length = bytes
        length[13] ^= 0x01
        #expect(throws: ModelFileError.self) { try ModelFile.decode(length, file: "m.reco") }
    }

    @Test func otherVersionsAndOtherFilesAreNamed() throws {
        var bytes = try Self.bytes()
        bytes[8] = 2
        #expect(throws: ModelFileError.unsupportedVersion(path: "m.reco", found: 2, supported: 1)) {
            try ModelFile.decode(bytes, file: "m.reco")
        }
        let text = Fixtures.file("ratings.csv", "u,i,4\n")
        #expect(throws: ModelFileError.notAModelFile(path: text)) { try SavedModel.read(text) }
        #expect(throws: ModelFileError.self) { try SavedModel.read("/no/such/model.reco") }
    }

    @Test func writesAreAtomicAndReplaceTheOldFile() throws {
        let folder = Fixtures.temporaryFolder()
        let path = folder + "/model.reco"
        try Self.saved(.baseline).write(to: path)
        try Self.saved(.biasedMF).write(to: path)
        #expect(try SavedModel.read(path).kind == .biasedMF)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["model.reco"])
    }

    @Test func unknownIdsAreNamedWithSuggestions() throws {
        let saved = try Self.saved(.baseline)
        let error = try #require(throws: LookupError.self) { try saved.recommend(user: "u99x", count: 3) }
        guard case .unknownUser(let id, let suggestions) = error else { Issue.record("\(error)"); return }
        #expect(id == "u99x" && !suggestions.isEmpty)
        #expect(throws: LookupError.self) { try saved.predict(user: "u1", item: "nope") }
        #expect(try saved.itemIndex("movie 3, the (1953)") == 3)
    }
}
