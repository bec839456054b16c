import Foundation
import Reco
import RecoTestSupport
import Testing

@Suite("Feature files")
struct FeatureTableTests {
    @Test("numeric CSV with a header and categorical id<TAB>tokens lines both read, by id")
    func layouts() throws {
        let numeric = try FeatureTable.read(Fixtures.file("f.csv", "item,year,length\na,1977,121\nb,1980,124\n"))
        #expect(numeric.names == ["year", "length"])
        #expect(numeric.row(for: "b") == [1980, 124])
        #expect(numeric.row(for: "c") == nil)
        let categorical = try FeatureTable.read(
            Fixtures.file("f.tsv", "a\tSci-Fi Action\nb\tRomance\nc\tSci-Fi\tDrama\n"))
        #expect(categorical.names == ["Sci-Fi", "Action", "Romance", "Drama"])
        #expect(categorical.row(for: "a") == [1, 1, 0, 0])
        #expect(categorical.row(for: "c") == [1, 0, 0, 1])
        let aligned = categorical.aligned(to: IDMap(["c", "z", "a"]))
        #expect(aligned.matrix.nestedRows == [[1, 0, 0, 1], [0, 0, 0, 0], [1, 1, 0, 0]])
    }

    @Test(
        "bad rows are refused with the file, the line and what is wrong",
        arguments: [
            ("item,x\n,1\n", "f.csv:2: expected an id in the first column"),
            ("item,x\na,fast\n", "f.csv:2: x 'fast' is not a number"),
            ("item,x\na,1\nb,2\na,3\n", "f.csv:4: id 'a' already has a row (line 2)"),
            ("item,x\na,1,2\n", "f.csv:2: row has 3 cells, the first row has 2"),
            ("item,x\na,nan\n", "f.csv:2: x 'nan' is not a finite number"),
            ("", "f.csv: the file holds no feature rows"),
            ("item,x\n", "f.csv: the file holds no feature rows"),
            ("a\tDrama\na\tComedy\n", "f.csv:2: id 'a' already has a row (line 1)"),
        ])
    func badRows(contents: String, message: String) throws {
        let folder = Fixtures.temporaryFolder()
        let path = Fixtures.file("f.csv", contents, in: folder)
        let error = try #require(throws: DataError.self) { try FeatureTable.read(path) }
        #expect(error.description.hasPrefix(folder + "/" + message), "\(error)")
    }

    @Test("feature rows for ids without ratings are kept: they are the cold items and users")
    func coldIDs() throws {
        let folder = Fixtures.temporaryFolder()
        let ratings = Fixtures.file("r.csv", "u,a,4\nu,b,2\nv,a,5\n", in: folder)
        let items = Fixtures.file("items.tsv", "a\tDrama\nb\tComedy\nnew\tDrama Comedy\n", in: folder)
        let users = Fixtures.file("users.tsv", "u\tage=25-34\nnewcomer\tage=18-24\n", in: folder)
        let dataset = try DatasetLoader(itemFeaturesPath: items, userFeaturesPath: users).load(ratings)
        #expect(dataset.ratings.itemCount == 2)
        #expect(dataset.itemFeatureTable?.row(for: "new") == [1, 1])
        #expect(dataset.userFeatureTable?.row(for: "newcomer") == [0, 1])
        #expect(dataset.itemFeatures?.matrix.rows == 2)
        #expect(dataset.userFeatures?.matrix.nestedRows == [[1, 0], [0, 0]])
    }

    @Test(
        "a new item's or user's features are named as the model names them; an unknown one is refused with suggestions")
    func namedFeatures() throws {
        let dataset = SampleCatalog.generate(users: 40, items: 30)
        let model = try ModelKind.hybrid.fit(
            TrainingData(ratings: dataset.ratings, itemFeatures: dataset.itemFeatures),
            parameters: ModelParameters(["epochs": "2"]))
        let saved = SavedModel(model: model, training: dataset.ratings)
        let row = try saved.itemFeatureRow("Sci-Fi;action")
        #expect(
            row.enumerated().filter { $0.element == 1 }.map { model.itemFeatureNames[$0.offset] } == [
                "Action", "Sci-Fi",
            ])
        let error = try #require(throws: SavedModel.ColdStartError.self) { try saved.itemFeatureRow("Sci-Fy") }
        #expect(error.description.contains("'Sci-Fi'"))
        #expect(throws: SavedModel.ColdStartError.self) { try saved.userFeatureRow("age=25-34") }
        let table = try FeatureTable.read(Fixtures.file("new.tsv", "movie1\tDrama\n"))
        #expect(throws: SavedModel.ColdStartError.knownItem(id: "movie1")) { try saved.newItemFeatures(table) }
    }

    @Test("a key=value feature under the wrong key is answered with the features that have its value")
    func suggestionsByValue() throws {
        let dataset = SampleCatalog.generate(users: 40, items: 30)
        let users = FeatureTable(
            tokens: dataset.ratings.userIDs.ids.map { ($0, ["age=25-34", "occupation=writer", "gender=F"]) })
        let model = try ModelKind.hybrid.fit(
            TrainingData(ratings: dataset.ratings, userFeatures: users.aligned(to: dataset.ratings.userIDs)),
            parameters: ModelParameters(["epochs": "1"]))
        let saved = SavedModel(model: model, training: dataset.ratings)
        let error = try #require(throws: SavedModel.ColdStartError.self) {
            try saved.userFeatureRow("age=25-34;job=writer")
        }
        #expect(error == .unknownFeature(name: "job=writer", suggestions: ["occupation=writer"]))
    }
}
