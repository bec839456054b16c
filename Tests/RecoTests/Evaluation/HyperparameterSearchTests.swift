import Reco
import RecoTestSupport
import Testing

struct HyperparameterSearchTests {
    @Test func gridExpandsEveryCombination() throws {
        let grid = try ParameterGrid(parsing: "factors=50,100,200;reg=0.02,0.05")
        let settings = grid.settings
        #expect(settings.count == 6)
        #expect(settings[0] == ModelParameters(["factors": "50", "regularization": "0.02"]))
        #expect(settings[5] == ModelParameters(["factors": "200", "regularization": "0.05"]))
        #expect(throws: ModelParameters.ParseError.self) { try ParameterGrid(parsing: "factors") }
    }

    @Test func randomRangesAreSeededAndInBounds() throws {
        let ranges = try ParameterRanges(parsing: "factors=10..200;regularization=0.001..0.1")
        let a = ranges.sample(20, seed: 7)
        #expect(a == ranges.sample(20, seed: 7))
        #expect(a != ranges.sample(20, seed: 8))
        for setting in a {
            let factors = try #require(Int(setting["factors"]!))
            let lambda = try #require(Double(setting["regularization"]!))
            #expect((10...200).contains(factors))
            #expect(lambda >= 0.001 * 0.999 && lambda <= 0.1 * 1.001)
        }
    }

    @Test func parametersParseFilesAndAliases() throws {
        let parameters = try ModelParameters.parse("# best\nreg=0.05\nlr = 0.01; k=20\n")
        #expect(parameters.values == ["regularization": "0.05", "learning-rate": "0.01", "factors": "20"])
        #expect(try ModelParameters.parse(parameters.fileText) == parameters)
        #expect(throws: ModelParameters.ParseError.self) { try ModelParameters.parse("factors") }
    }

    @Test func searchRanksSettingsBestFirst() throws {
        let ratings = Fixtures.plantedLowRank(users: 60, items: 40, rank: 2, density: 0.5, seed: 3)
        let search = HyperparameterSearch(kind: .baseline, metric: .rmse, evaluator: Evaluator(metrics: [.rmse]))
        let grid = try ParameterGrid(parsing: "regularization=0,5,50,500")
        let reports = try search.run(grid.settings, splits: Splitter.kFold(ratings, folds: 3, seed: 1))
        #expect(reports.count == 4)
        let means = reports.map { $0.mean(0) }
        #expect(means == means.sorted())
        #expect(throws: ModelError.self) {
            try search.run([ModelParameters(["nonsense": "1"])], splits: Splitter.kFold(ratings, folds: 3, seed: 1))
        }
    }
}
