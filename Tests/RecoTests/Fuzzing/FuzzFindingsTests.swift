import Reco
import RecoTestSupport
import Testing

/// Inputs `Benchmarks/fuzz.sh` found to crash the readers (kept in `Tests/Fixtures/fuzz`), and the
/// neighbouring cases the fix covers: each is now a clear `DataError`.
@Suite struct FuzzFindingsTests {
    static let folder = Fixtures.packageRoot + "/Tests/Fixtures/fuzz"

    private func refusal(_ path: String, format: DataFormat = .dense) -> String {
        do {
            let dataset = try DatasetLoader(format: format).load(path)
            return "loaded \(dataset.ratings.count) ratings"
        } catch {
            return error.description
        }
    }

    /// Why the model file at `path` is refused, or what was read from it.
    private func modelRefusal(_ path: String) -> String {
        do {
            return "read a \(try SavedModel.read(path).kind) model"
        } catch {
            return error.description
        }
    }

    /// The fuzzer's input: `o,` names a user on lines 2 and 5 (a one-column matrix of row names).
    @Test func denseMatrixNamingAUserTwice() {
        let path = Self.folder + "/dense-repeated-user.csv"
        #expect(refusal(path) == "\(path):5: id 'o,' already has a row (line 2); give each id one row")
    }

    /// The fuzzer's model file (length and CRC-32 set right, as the `model` target does): a
    /// matrix's shape whose rows × columns overflows `Int` trapped in `ModelArchive.matrix`.
    @Test func modelFileWithAnOverflowingMatrixShape() {
        let message = modelRefusal(Self.folder + "/model-shape-overflow.reco")
        #expect(message.hasSuffix("is missing or has the wrong size"), "\(message)")
    }

    /// The fuzzer's dense matrix: a 46-digit cell is a finite Double but an infinite Float, and the
    /// summary's histogram trapped converting the NaN its bin width gave to an `Int`.
    @Test func denseMatrixWithACellBeyondFloat() {
        let path = Self.folder + "/dense-float-overflow.csv"
        let message = refusal(path)
        #expect(message.hasPrefix("\(path):1: cell 5 '266666"), "\(message)")
        #expect(message.hasSuffix("is outside ±3.4e38 (a 32-bit float)"), "\(message)")
    }

    /// The same value anywhere a number becomes a Float: a rating, a feature value.
    @Test func ratingsAndFeaturesBeyondFloat() throws {
        let ratings = Fixtures.file("big.csv", "u,i,4\nu,j,1e39\n")
        #expect(refusal(ratings, format: .csv) == "\(ratings):2: rating '1e39' is outside ±3.4e38 (a 32-bit float)")
        // The two finite extremes and 21 values between: the summary's ten bins span them without
        // overflowing.
        let lines = ["u,a,-3.4e38", "u,b,3.4e38"] + (1...21).map { "v,\($0),\($0)" }
        let dataset = try DatasetLoader(format: .csv).load(Fixtures.file("wide.csv", lines.joined(separator: "\n")))
        let summary = DatasetSummary(dataset)
        #expect(summary.histogram.count == 10)
        #expect(summary.histogram.map(\.count) == [1, 0, 0, 0, 0, 21, 0, 0, 0, 1])
        let features = Fixtures.file("f.csv", "item,x\ni,1\nj,-1e39\n")
        do {
            _ = try FeatureTable.read(features)
            Issue.record("read a feature of -1e39")
        } catch {
            #expect(error.description == "\(features):3: x '-1e39' is outside ±3.4e38 (a 32-bit float)")
        }
    }

    /// The fuzzer's implicit-knn file (length and CRC-32 set right): a neighbourhood size near
    /// 2⁶³ overflowed `items × k` in `ImplicitItemKNN.init(from:)`.
    @Test func modelFileWithAnEnormousNeighbourhood() {
        let message = modelRefusal(Self.folder + "/model-knn-huge-k.reco")
        #expect(message.hasSuffix("implicit-knn neighbourhoods are malformed"), "\(message)")
    }

    /// The fuzzer's content-based file (length and CRC-32 set right): its fold-in's normal equations
    /// never factored, and `UserProblem.ridgeSolution` multiplied the ridge by 10 forever (past
    /// infinity), so `recommend(forItems:)` hung. Now it gives up after 64 tries with θ = 0.
    @Test(.timeLimit(.minutes(1))) func contentBasedFoldInThatNeverFactors() throws {
        let saved = try SavedModel.read(Self.folder + "/model-content-foldin-hang.reco")
        #expect(saved.kind.name == "content-based")
        let item = saved.training.itemIDs.id(at: saved.training.itemCount - 1)
        let answer = try saved.recommend(forItems: [item], count: 5)
        #expect(answer.source == .foldIn)
    }

    /// The fuzzer's 22 bytes: a model file's header claiming a body of about 2⁶³ bytes overflowed
    /// the sum of the expected size in `ModelFile.decode`.
    @Test func modelFileClaimingAnEnormousBody() {
        let path = Self.folder + "/model-huge-length.reco"
        do {
            _ = try ModelFile.read(path)
            Issue.record("decoded a 22-byte model file")
        } catch {
            guard case .truncated(_, let expected, let found) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(found == 22 && expected > 1 << 60, "\(error)")
        }
    }

    @Test func denseMatrixNamingAUserTwiceWithRatings() {
        let path = Fixtures.file("twice.csv", "user,A,B\nalice,4,\nbob,,2\nalice,1,1\n")
        #expect(refusal(path) == "\(path):4: id 'alice' already has a row (line 2); give each id one row")
    }

    @Test func denseHeaderNamingAnItemTwice() {
        let path = Fixtures.file("columns.csv", "user,A,A\nalice,4,\nbob,,2\n")
        #expect(refusal(path) == "\(path):1: the header names column 'A' twice; give each item one column")
    }

    @Test func denseMatrixWithoutRatings() {
        let path = Fixtures.file("unrated.csv", "nan,NA\n,\n")
        #expect(refusal(path) == "\(path): the file holds no ratings")
    }
}
