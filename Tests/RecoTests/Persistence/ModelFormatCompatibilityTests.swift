import Foundation
import Reco
import RecoTestSupport
import Testing

/// Model files written by the build before the model registry (format version 1, 7607de4; see
/// `Tests/Fixtures/model-format-v1/README.md`) still load, predict bit for bit what that build's
/// models predicted, and keep the configuration they were trained with.
@Suite("Model files of format version 1")
struct ModelFormatCompatibilityTests {
    /// For each kind: the bit patterns of `predictAll()` and of the fold-in of items 1, 4, 6 rated
    /// 5, 2, 4, from the model in memory before the old build saved it.
    static let expected: [String: [String: [UInt32]]] = {
        let data = FileManager.default.contents(atPath: Fixtures.modelFormatV1 + "/v1-expected.json") ?? Data()
        let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: [String: [String]]] ?? [:]
        return object.mapValues { $0.mapValues { $0.map { UInt32($0, radix: 16) ?? 0 } } }
    }()

    /// The kinds of the old build: every registered model but those added since.
    static let kinds = ModelRegistry.standard.kinds.filter { expected[$0.name] != nil }

    static func load(_ kind: ModelKind) throws -> SavedModel {
        try SavedModel.read(Fixtures.modelFormatV1 + "/v1-\(kind.name).reco")
    }

    @Test func everyOldKindHasAFixture() {
        #expect(Self.kinds.count == 14, "fixtures for \(Self.kinds.map(\.name))")
    }

    @Test("loads and predicts bit for bit what the old build's model predicted", arguments: kinds)
    func predictsTheSame(kind: ModelKind) throws {
        let saved = try Self.load(kind)
        #expect(saved.kind == kind)
        let predictions = saved.model.predictAll().storage.map(\.bitPattern)
        #expect(predictions == Self.expected[kind.name]?["predictions"])
    }

    @Test(
        "restores the configuration from the parameters the old file recorded, over that build's defaults",
        arguments: kinds)
    func restoresTheConfiguration(kind: ModelKind) throws {
        let saved = try Self.load(kind)
        // The parameters the file gave, over the defaults of the build that wrote it.
        let parsed = try kind.type.configurationParameters(for: kind.type.legacyDefaults.merging(saved.parameters))
        #expect(saved.model.configurationParameters == parsed)
        for (key, value) in saved.parameters.values where !key.contains(".") && key != "threads" {
            #expect(
                saved.model.configurationParameters[key].flatMap(Double.init) == Double(value),
                "\(key) = \(value) was lost")
        }
    }

    @Test("folds in a new user as the old model did in memory, with its trained λ", arguments: kinds)
    func foldsInTheSame(kind: ModelKind) throws {
        let saved = try Self.load(kind)
        let folded = saved.foldInScores(items: [1, 4, 6], ratings: [5, 2, 4])
        let old = try #require(Self.expected[kind.name]?["fold-in"]).map(Float.init(bitPattern:))
        switch kind {
        case .baseline, .blend:
            // The baseline's fold-in now adds the new user's bias b_u, so its scores move by one
            // constant (and the blend's, which has a baseline component, by its weight of it).
            let shifts = zip(folded, old).map { $0 - $1 }
            #expect(
                shifts.isApproximatelyEqual(
                    to: [Float](repeating: shifts[0], count: shifts.count), absoluteTolerance: 1e-5))
            #expect(abs(shifts[0]) > 1e-3)
        case .als:
            // ALS's fold-in now uses the model's own λ (0.3 here) instead of a fixed 0.1: an ALS user
            // half-step. The old scores came from λ = 0.1, so they differ.
            #expect(!folded.isApproximatelyEqual(to: old, absoluteTolerance: 1e-4))
        default:
            // Content-based was trained with λ = 0.5: the old build's loaded file folded in with 5.
            #expect(
                folded.isApproximatelyEqual(to: old, absoluteTolerance: 1e-5, relativeTolerance: 1e-5),
                "\(folded) vs \(old)")
        }
    }
}

extension TrainableModel {
    /// The stored parameters of the configuration `parameters` describe.
    static func configurationParameters(for parameters: ModelParameters) throws -> ModelParameters {
        Self.parameters(describing: try configuration(from: parameters))
    }
}
