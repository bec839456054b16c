import Foundation
public import Reco

/// A factors folder as `spark/reco_als.py` writes it, made without Spark: a Reco-trained `als`
/// stands in for Spark's model, its factors written as Spark's JSON writer writes them (a folder of
/// part files, one of them empty, `{"id":…,"features":[…]}` lines), over a `SparkExport` of the
/// ratings (titles: "Film N", item 3's with a comma and quotes).
public struct SparkFixture {
    /// The model whose factors were written.
    public var model: AlternatingLeastSquares
    /// The export folder.
    public var export: String
    /// The factors folder (what `reco import-spark` reads).
    public var factors: String
    /// The factors folder's manifest as written.
    public var manifest: SparkFactorsManifest

    /// Writes the export and the factors; `edit` may change the factor lines and the manifest first.
    public init(
        ratings: RatingMatrix, implicit: Bool = false,
        edit: (inout [String], inout [String], inout SparkFactorsManifest) -> Void = { _, _, _ in }
    ) throws {
        let root = Fixtures.temporaryFolder()
        export = root + "/export"
        let titles = (0..<ratings.itemCount).map { $0 == 3 ? "Truth About \"Cats\", The" : "Film \($0)" }
        try SparkExport.write(train: ratings, itemTitles: titles, source: "planted", to: export)
        model = try AlternatingLeastSquares.fit(
            ratings, configuration: .init(factors: 3, iterations: 5, regularization: 0.1, threads: 1))
        func lines(_ matrix: DenseMatrix) -> [String] {
            (0..<matrix.rows).map { row in
                "{\"id\":\(row),\"features\":[\(matrix.row(row).map { "\($0)" }.joined(separator: ","))]}"
            }
        }
        var users = lines(model.userFactors)
        var items = lines(model.itemFactors)
        var manifest = SparkFactorsManifest(
            rank: 3, regParam: 0.1, maxIter: 5, implicitPrefs: implicit, alpha: 2, userFactors: users.count,
            itemFactors: items.count, export: "../export", exportRatings: ratings.count, sparkVersion: "test")
        edit(&users, &items, &manifest)
        self.manifest = manifest
        factors = root + "/spark"
        for (name, rows) in [("user-factors", users), ("item-factors", items)] {
            let folder = "\(factors)/\(name)"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let half = rows.count / 2
            Fixtures.file("part-00000-x.json", rows[..<half].joined(separator: "\n") + "\n", in: folder)
            Fixtures.file("part-00001-x.json", "", in: folder)
            Fixtures.file("part-00002-x.json", rows[half...].joined(separator: "\n"), in: folder)
            Fixtures.file("_SUCCESS", "", in: folder)
        }
        Fixtures.file(
            "manifest.json", String(decoding: try JSONEncoder().encode(manifest), as: UTF8.self), in: factors)
    }
}
