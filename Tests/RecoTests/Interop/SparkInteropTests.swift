import Foundation
import RecoTestSupport
import Testing

@testable import Reco

/// `SparkExport` and `SparkImport` without Spark: factors written the way Spark's JSON writer
/// writes them (part files, `{"id":…,"features":[…]}` lines) come back as the model they were, and
/// every way a factors folder can disagree with its export is refused with the file and line.
/// Benchmarks/spark.sh runs the same round trip through Spark itself.
struct SparkInteropTests {
    static let ratings = Fixtures.plantedLowRank(users: 30, items: 20, rank: 2, density: 0.5, seed: 17)

    typealias Fixture = SparkFixture

    static func fixture(
        implicit: Bool = false,
        edit: (inout [String], inout [String], inout SparkFactorsManifest) -> Void = { _, _, _ in }
    ) throws -> Fixture {
        try SparkFixture(ratings: ratings, implicit: implicit, edit: edit)
    }

    static func importError(_ fixture: Fixture, export: String? = nil) -> SparkImportError? {
        do {
            _ = try SparkImport.read(factors: fixture.factors, export: export)
            return nil
        } catch {
            return error
        }
    }

    // MARK: - Round trip

    @Test func exportHoldsIndicesIDMapsAndTitles() throws {
        let fixture = try Self.fixture()
        let ratingsFile = try String(contentsOfFile: fixture.export + "/ratings.csv", encoding: .utf8)
        let lines = ratingsFile.split(separator: "\n")
        #expect(lines.first == "user,item,rating")
        #expect(lines.count == Self.ratings.count + 1)
        let first = Self.ratings.userRange(0).lowerBound
        #expect(lines[1] == "0,\(Self.ratings.userItems[first]),\(Self.ratings.userRatings[first])")
        let items = try String(contentsOfFile: fixture.export + "/items.csv", encoding: .utf8)
        #expect(items.contains("3,i3,\"Truth About \"\"Cats\"\", The\"\n"))
        let manifest = try JSONDecoder().decode(
            SparkExportManifest.self, from: Data(contentsOf: URL(fileURLWithPath: fixture.export + "/manifest.json")))
        #expect(manifest.users == 30 && manifest.items == 20 && manifest.ratings == Self.ratings.count)
        #expect(manifest.testRatings == nil && !manifest.timestamps)
        #expect(!FileManager.default.fileExists(atPath: fixture.export + "/test.csv"))
    }

    @Test func importedModelPredictsAsTheFactorsDo() throws {
        let fixture = try Self.fixture()
        let saved = try SparkImport.read(factors: fixture.factors)
        #expect(saved.kind == .als)
        #expect(saved.training.userIDs == Self.ratings.userIDs && saved.training.itemIDs == Self.ratings.itemIDs)
        #expect(saved.training.userRatings == Self.ratings.userRatings)
        #expect(saved.title(ofItem: 3) == "Truth About \"Cats\", The")
        for user in 0..<Self.ratings.userCount {
            for item in 0..<Self.ratings.itemCount {
                // Swift prints the shortest text that reads back as the same Float: exact.
                #expect(saved.model.predict(user: user, item: item) == fixture.model.predict(user: user, item: item))
            }
        }
        let configuration = try #require(saved.model as? AlternatingLeastSquares).configuration
        #expect(configuration.factors == 3 && configuration.regularization == 0.1 && !configuration.centering)
        // It is a model file like any other.
        let path = Fixtures.temporaryFolder() + "/spark.reco"
        try saved.write(to: path)
        let read = try SavedModel.read(path)
        #expect(read.model.predict(user: 4, item: 7) == fixture.model.predict(user: 4, item: 7))
        #expect(read.source.hasPrefix("Spark test ALS"))
    }

    @Test func implicitFactorsBecomeAnImplicitALSSolvedAsSparkSolves() throws {
        let fixture = try Self.fixture(implicit: true)
        let saved = try SparkImport.read(factors: fixture.factors)
        let model = try #require(saved.model as? ImplicitALS)
        #expect(model.configuration.alpha == 2 && model.configuration.useRatingValues)
        #expect(model.configuration.weightedRegularization)
        #expect(model.predict(user: 2, item: 5) == fixture.model.predict(user: 2, item: 5))
    }

    @Test func testRatingsShareTheTrainingIndices() throws {
        let split = Splitter.holdout(Self.ratings, testFraction: 0.25, seed: 3)
        let folder = Fixtures.temporaryFolder()
        let manifest = try SparkExport.write(train: split.train, test: split.test, source: "holdout", to: folder)
        #expect(manifest.testRatings == split.test.count)
        let test = try String(contentsOfFile: folder + "/test.csv", encoding: .utf8).split(separator: "\n")
        #expect(test.count == split.test.count + 1)
        let user = try #require((0..<split.test.userCount).first { split.test.ratingCount(ofUser: $0) > 0 })
        let p = split.test.userRange(user).lowerBound
        #expect(test.contains("\(user),\(split.test.userItems[p]),\(split.test.userRatings[p])"[...]))
    }

    // MARK: - What is refused

    @Test func missingManifestsAreNamed() throws {
        let fixture = try Self.fixture()
        try FileManager.default.removeItem(atPath: fixture.factors + "/manifest.json")
        let error = try #require(Self.importError(fixture))
        #expect(error == .missingManifest(path: fixture.factors, expected: "a folder spark/reco_als.py wrote"))
        let other = try Self.fixture()
        try FileManager.default.removeItem(atPath: other.export + "/manifest.json")
        #expect(Self.importError(other)?.description.contains("not a folder reco export-spark wrote") == true)
    }

    @Test func aManifestOfAnotherFormatIsRefused() throws {
        let fixture = try Self.fixture()
        Fixtures.file("manifest.json", "{\"format\": \"something-else\"}", in: fixture.factors)
        #expect(Self.importError(fixture)?.description.contains("no \"version\"") == true)
        Fixtures.file("manifest.json", "not json", in: fixture.factors)
        #expect(Self.importError(fixture)?.description.contains("not JSON") == true)
    }

    @Test func aRankMismatchNamesTheLine() throws {
        let fixture = try Self.fixture { users, _, _ in users[20] = "{\"id\":20,\"features\":[0.5,0.25]}" }
        let error = try #require(Self.importError(fixture))
        guard case .rankMismatch(let file, let line, let found, let expected) = error else {
            Issue.record("expected rankMismatch, got \(error)"); return
        }
        #expect(file.hasSuffix("user-factors/part-00002-x.json") && line == 6 && found == 2 && expected == 3)
        #expect(error.description.contains(":6: 2 factors, but the manifest's rank is 3"))
    }

    @Test func anIndexAbsentFromTheIDMapIsRefused() throws {
        let fixture = try Self.fixture { _, items, manifest in
            items.append("{\"id\":20,\"features\":[1,2,3]}")
            manifest.itemFactors += 1
        }
        let error = try #require(Self.importError(fixture))
        guard case .unknownIndex(_, _, let side, let index, let count) = error else {
            Issue.record("expected unknownIndex, got \(error)"); return
        }
        #expect(side == "item" && index == 20 && count == 20)
    }

    @Test func nanFactorsAreRefused() throws {
        for bad in ["NaN", "\"NaN\"", "null", "Infinity", "1e39"] {
            let fixture = try Self.fixture { users, _, _ in users[1] = "{\"id\":1,\"features\":[0.5,\(bad),0.25]}" }
            let error = try #require(Self.importError(fixture), "\(bad)")
            #expect(
                error
                    == .notFinite(
                        file: fixture.factors + "/user-factors/part-00000-x.json", line: 2, index: 1, text: bad))
        }
    }

    @Test func countsThatDisagreeAreRefused() throws {
        let fewer = try Self.fixture { _, _, manifest in manifest.userFactors = 29 }
        #expect(Self.importError(fewer)?.description.contains("30 user factor rows, but the manifest says 29") == true)
        let otherExport = try Self.fixture { _, _, manifest in manifest.exportRatings += 1 }
        guard case .countMismatch(_, let what, _, _) = try #require(Self.importError(otherExport)) else {
            Issue.record("expected countMismatch"); return
        }
        #expect(what.contains("ratings in the export"))
    }

    @Test func usersWithRatingsButNoFactorsAreRefused() throws {
        let fixture = try Self.fixture { users, _, manifest in
            users.removeFirst()
            manifest.userFactors -= 1
        }
        #expect(Self.importError(fixture) == .missingFactors(side: "user", count: 1, firstID: "u0"))
    }

    @Test func duplicateAndMalformedRowsAreRefused() throws {
        let duplicate = try Self.fixture { users, _, manifest in
            users.append(users[0])
            manifest.userFactors += 1
        }
        guard case .duplicateIndex(_, _, _, let index, let firstLine) = try #require(Self.importError(duplicate)) else {
            Issue.record("expected duplicateIndex"); return
        }
        #expect(index == 0 && firstLine == 1)
        let malformed = try Self.fixture { users, _, _ in users[0] = "[1, 2, 3]" }
        #expect(Self.importError(malformed)?.description.contains("expected {\"id\": index") == true)
    }

    @Test func aBadExportFileNamesItsLine() throws {
        let fixture = try Self.fixture()
        var text = try String(contentsOfFile: fixture.export + "/ratings.csv", encoding: .utf8)
        text = text.replacingOccurrences(of: "\n0,", with: "\n99,", options: [], range: text.range(of: "\n0,"))
        Fixtures.file("ratings.csv", text, in: fixture.export)
        let error = try #require(Self.importError(fixture))
        #expect(error.description.contains("ratings.csv") && error.description.contains("99"))
        #expect(error.description.contains("0..<30"))
    }

    @Test func missingFactorFilesAreNamed() throws {
        let fixture = try Self.fixture()
        try FileManager.default.removeItem(atPath: fixture.factors + "/item-factors")
        guard case .missingFile(let path, _) = try #require(Self.importError(fixture)) else {
            Issue.record("expected missingFile"); return
        }
        #expect(path.hasSuffix("item-factors"))
    }

    // MARK: - Spark's implicit objective

    /// With λ·n per row the conjugate-gradient user step, run to convergence, and the fold-in solve
    /// the same system: a trained user's fold-in from their own interactions is their vector.
    @Test func weightedRegularizationIsTheSameInTrainingAndFoldIn() throws {
        // Confidences 1 + α·r need r ≥ 0; the planted values are centred on 0.
        let ratings = Self.ratings.mapValues { _, _, value in abs(value) + 1 }
        for weighted in [true, false] {
            let configuration = ImplicitALS.Configuration(
                factors: 4, iterations: 3, regularization: 0.3, alpha: 2, conjugateGradientSteps: 12,
                useRatingValues: true, weightedRegularization: weighted, threads: 1)
            var model = try ImplicitALS.fit(ratings, configuration: configuration)
            model.solveUsers(ratings)
            let user = 5
            let range = ratings.userRange(user)
            let folded = model.foldIn(
                items: ratings.userItems[range].map(Int.init), ratings: Array(ratings.userRatings[range]))
            for item in 0..<ratings.itemCount {
                #expect(abs(folded[item] - model.predict(user: user, item: item)) < 1e-4, "weighted \(weighted)")
            }
        }
    }

    @Test func weightedRegularizationChangesTheSolution() throws {
        let plain = try ImplicitALS.fit(Self.ratings, configuration: .init(factors: 4, iterations: 3, threads: 1))
        let weighted = try ImplicitALS.fit(
            Self.ratings, configuration: .init(factors: 4, iterations: 3, weightedRegularization: true, threads: 1))
        #expect(abs(plain.predict(user: 1, item: 1) - weighted.predict(user: 1, item: 1)) > 1e-4)
    }
}
