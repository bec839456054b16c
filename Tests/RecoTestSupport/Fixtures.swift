import Foundation
public import Reco

/// Shared test helpers: temporary files, the MovieLens location, random problems.
public enum Fixtures {
    /// The package root (two levels above this file's folder).
    public static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// `../shared/data/ml-100k` beside the checkout, or `RECO_MOVIELENS` when set.
    public static let movieLensPath: String =
        ProcessInfo.processInfo.environment["RECO_MOVIELENS"] ?? packageRoot + "/../shared/data/ml-100k"

    /// MovieLens tests run when the data is there, and must run (and fail without it) when
    /// `RECO_REQUIRE_DATA=1`, as CI sets.
    public static var movieLensEnabled: Bool {
        FileManager.default.fileExists(atPath: movieLensPath)
            || ProcessInfo.processInfo.environment["RECO_REQUIRE_DATA"] == "1"
    }

    /// A fresh temporary folder.
    public static func temporaryFolder() -> String {
        let path = NSTemporaryDirectory() + "reco-tests-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Writes `contents` to `name` inside a fresh temporary folder and returns the path.
    @discardableResult
    public static func file(_ name: String, _ contents: String, in folder: String? = nil) -> String {
        let directory = folder ?? temporaryFolder()
        let path = directory + "/" + name
        try! Data(contents.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Writes raw bytes.
    public static func file(_ name: String, bytes: [UInt8], in folder: String? = nil) -> String {
        let directory = folder ?? temporaryFolder()
        let path = directory + "/" + name
        try! Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// The notebook's movie features [romance, action, sci-fi] for movies A, B, C.
    public static let notebookFeatures = DenseMatrix([[0.8, 0.1, 0.1], [0.0, 1.0, 0.0], [0.2, 0.2, 0.6]])

    /// Ratings with a planted rank-`rank` structure y = u · v (no noise), every user rating a random
    /// `density` share of the items.
    public static func plantedLowRank(users: Int, items: Int, rank: Int, density: Double, seed: UInt64) -> RatingMatrix
    {
        var generator = SeededGenerator(seed: seed)
        let u = DenseMatrix.randomNormal(rows: users, columns: rank, standardDeviation: 1, using: &generator)
        let v = DenseMatrix.randomNormal(rows: items, columns: rank, standardDeviation: 1, using: &generator)
        var list = RatingList()
        for user in 0..<users {
            for item in 0..<items where generator.nextUnit() < density {
                var value: Float = 0
                for c in 0..<rank { value += u[user, c] * v[item, c] }
                list.append(user: Int32(user), item: Int32(item), value: value)
            }
        }
        return RatingMatrix(
            userIDs: IDMap((0..<users).map { "u\($0)" }), itemIDs: IDMap((0..<items).map { "i\($0)" }), ratings: list)
    }

    /// Multi-hot genres for the items of `ratings`, named `g0`, `g1`, …: each item has one to three
    /// of `genres`, drawn with `seed`.
    public static func genres(for ratings: RatingMatrix, count genres: Int = 5, seed: UInt64 = 5) -> FeatureMatrix {
        var generator = SeededGenerator(seed: seed)
        var matrix = DenseMatrix(rows: ratings.itemCount, columns: genres)
        for item in 0..<ratings.itemCount {
            matrix[item, Int(generator.next() % UInt64(genres))] = 1
            for genre in 0..<genres where generator.nextUnit() < 0.25 { matrix[item, genre] = 1 }
        }
        return FeatureMatrix(names: (0..<genres).map { "g\($0)" }, matrix: matrix)
    }

    /// The folder of model files written by format version 1 (`Tests/Fixtures/model-format-v1`).
    public static let modelFormatV1 = packageRoot + "/Tests/Fixtures/model-format-v1"
}
