import Foundation
import Reco
import RecoTestSupport
import Testing

/// What every registered model must do, run over the registry: a model is tested the moment it is
/// listed.
@Suite("Every registered model")
struct RegistryTests {
    /// The library's models, plus one defined in this test target (one line).
    static let registry = ModelRegistry.standard.adding(CooccurrenceModel.self)

    /// 60 users × 50 items with a planted rank-4 structure on a 1…5 half-star scale, genres, and
    /// timestamps over 40 days (for the time-aware models).
    static let data: TrainingData = {
        let planted = Fixtures.plantedLowRank(users: 60, items: 50, rank: 4, density: 0.3, seed: 31)
        var list = planted.ratingList
        for index in 0..<list.count {
            list.values[index] = min(5, max(1, ((3 + list.values[index]) * 2).rounded() / 2))
        }
        list.timestamps = (0..<list.count).map { (index: Int) -> Int64 in
            let day = Int64(index * 7_919 % 40)
            return 900_000_000 + day * 86_400 + Int64(index % 5) * 600
        }
        let ratings = RatingMatrix(userIDs: planted.userIDs, itemIDs: planted.itemIDs, ratings: list)
        return TrainingData(ratings: ratings, itemFeatures: Fixtures.genres(for: ratings))
    }()

    static func saved(_ kind: ModelKind) throws -> SavedModel {
        let model = try kind.fit(data)
        let titles = (0..<data.ratings.itemCount).map { "Film \($0)" }
        return SavedModel(model: model, training: data.ratings, itemTitles: titles, source: "synthetic")
    }

    static func roundTrip(_ saved: SavedModel) throws -> SavedModel {
        let path = Fixtures.temporaryFolder() + "/model.reco"
        try saved.write(to: path)
        return try SavedModel.read(path, registry: registry)
    }

    /// The 10 best items of `scores`, leaving out `excluded`.
    static func top10(_ scores: [Float], excluding excluded: Set<Int> = []) -> [Int] {
        var top = TopK(capacity: 10)
        for (item, score) in scores.enumerated() where !excluded.contains(item) { top.insert(item: item, score: score) }
        return top.sorted().map(\.item)
    }

    @Test("saves, loads and predicts bit for bit the same", arguments: registry.kinds)
    func predictsTheSameAfterLoading(kind: ModelKind) throws {
        let original = try Self.saved(kind)
        let loaded = try Self.roundTrip(original)
        #expect(loaded.kind == kind)
        #expect(
            original.model.predictAll().storage.map(\.bitPattern) == loaded.model.predictAll().storage.map(\.bitPattern)
        )
        let user = 3
        #expect(
            original.model.scores(forUser: user).map(\.bitPattern)
                == loaded.model.scores(forUser: user).map(\.bitPattern))
        #expect(try loaded.recommend(user: "u3", count: 5).items == original.recommend(user: "u3", count: 5).items)
    }

    @Test("keeps its whole configuration through a file, non-default values included", arguments: registry.kinds)
    func keepsItsConfiguration(kind: ModelKind) throws {
        // Every parameter at a value other than its default where the domain allows one.
        var parameters = ModelParameters()
        // (A shorthand that only sets other parameters, baseline's `regularization`, is left out.)
        for parameter in kind.parameters where parameter.defaultValue != nil || parameter.domain == .threads {
            if let other = Self.otherValidValue(parameter) { parameters[parameter.key] = other }
        }
        let model = try kind.fit(Self.data, parameters: parameters)
        let saved = SavedModel(model: model, parameters: parameters, training: Self.data.ratings)
        let loaded = try Self.roundTrip(saved)
        #expect(loaded.model.hasSameConfiguration(as: model))
        #expect(loaded.model.configurationParameters == model.configurationParameters)
        #expect(loaded.parameters == parameters)
        for (key, value) in parameters.values where key != "threads" {
            let kept = model.configurationParameters[key]
            #expect(
                kept == value || (kept.flatMap(Double.init) == Double(value)),
                "\(kind.name): \(key) = \(value) was not kept")
        }
    }

    @Test("folds in new users: their own items decide their list", arguments: registry.kinds)
    func foldsInNewUsers(kind: ModelKind) throws {
        let saved = try Self.saved(kind)
        let model = saved.model
        let first = model.foldIn(items: [0, 2, 4, 6, 8], ratings: [5, 5, 4.5, 1, 1.5])
        let second = model.foldIn(items: [1, 3, 5, 7, 9, 11], ratings: [1, 2, 5, 5, 4, 4.5])
        #expect(first.count == model.itemCount && second.count == model.itemCount)
        #expect(first.allSatisfy(\.isFinite) && second.allSatisfy(\.isFinite))
        let trainedScores = (0..<model.userCount).map { model.scores(forUser: $0) }
        if kind.descriptor.personalizesRankings {
            // What each user is shown: their 10 best items, leaving out what they rated.
            let trainedLists = (0..<model.userCount).map {
                model.recommend(user: $0, count: 10, excludingRatedIn: saved.training).map(\.item)
            }
            let firstList = Self.top10(first, excluding: [0, 2, 4, 6, 8])
            let secondList = Self.top10(second, excluding: [1, 3, 5, 7, 9, 11])
            #expect(firstList != secondList, "two different users got the same list")
            #expect(
                !trainedLists.contains(firstList) && !trainedLists.contains(secondList),
                "a new user got a trained user's list")
            for scores in [first, second] {
                #expect(!trainedScores.contains(scores), "a new user got a trained user's scores")
            }
        } else {
            // Global mean, popularity, baseline: everyone's items are in the same order.
            #expect(Self.top10(first) == Self.top10(second))
            #expect(Self.top10(first) == Self.top10(trainedScores[0]))
        }
        // Fold-in is the model's own: the same after a save and load.
        let loaded = try Self.roundTrip(saved)
        #expect(
            loaded.model.foldIn(items: [0, 2, 4, 6, 8], ratings: [5, 5, 4.5, 1, 1.5]).map(\.bitPattern)
                == first.map(\.bitPattern))
    }

    @Test("refuses bad hyperparameters with an error naming the key as typed", arguments: registry.kinds)
    func refusesBadParameters(kind: ModelKind) throws {
        for parameter in kind.parameters {
            for bad in Self.invalidValues(parameter) {
                let error = #expect(throws: ModelError.self, "\(kind.name): \(parameter.key)=\(bad)") {
                    try kind.validate(ModelParameters([parameter.key: bad]))
                }
                #expect(
                    error?.description.hasPrefix("\(parameter.key) = \(bad)") == true,
                    "\(error.map { "\($0)" } ?? "no error")")
                // Training refuses it the same way, before any work.
                if let error {
                    #expect(throws: error) {
                        try kind.fit(Self.data, parameters: ModelParameters([parameter.key: bad]))
                    }
                }
            }
        }
        let unknown = #expect(throws: ModelError.self) {
            try kind.validate(ModelParameters(["no-such-parameter": "1"]))
        }
        #expect(unknown?.description.contains("'no-such-parameter'") == true)
        for parameter in kind.parameters { #expect(unknown?.description.contains(parameter.key) == true) }
    }

    @Test("is listed once, under a name and aliases no other model has", arguments: registry.kinds)
    func isFoundByNameAndAlias(kind: ModelKind) throws {
        #expect(try Self.registry.kind(named: kind.name) == kind)
        #expect(try Self.registry.kind(named: kind.name.uppercased()) == kind)
        for alias in kind.descriptor.aliases { #expect(try Self.registry.kind(named: alias) == kind) }
        #expect(!kind.summary.isEmpty)
        #expect(kind.parameters.allSatisfy { !$0.help.isEmpty })
    }

    /// A valid value other than the default, when the domain has one.
    static func otherValidValue(_ parameter: HyperparameterDescription) -> String? {
        switch parameter.domain {
        case .integer(let minimum, _):
            let current = parameter.defaultValue.flatMap { Int($0) } ?? minimum
            return "\(current == minimum ? minimum + 1 : max(minimum, current - 1))"
        case .real(let bounds):
            let current = parameter.defaultValue.flatMap { Double($0) } ?? 1
            for candidate in [current * 0.5, current * 2, current + 0.25, 0.5]
            where candidate != current && bounds.contains(candidate) {
                return "\(candidate)"
            }
            return nil
        case .boolean: return parameter.defaultValue == "true" ? "false" : "true"
        case .choice(let words): return words.first { $0 != parameter.defaultValue }
        case .seed: return "7"
        case .threads: return "1"
        case .text: return parameter.key == "models" ? "baseline,biased-mf" : nil
        }
    }

    /// Values the domain refuses.
    static func invalidValues(_ parameter: HyperparameterDescription) -> [String] {
        switch parameter.domain {
        case .integer(let minimum, let maximum):
            var values = ["many", "1.5"]
            if minimum > Int.min { values.append("\(minimum - 1)") }
            if maximum < Int.max { values.append("\(maximum + 1)") }
            return values
        case .real(let bounds):
            var values = ["fast", "nan", "inf"]
            if bounds.lower.isFinite { values.append("\(bounds.includesLower ? bounds.lower - 1 : bounds.lower)") }
            if bounds.upper.isFinite { values.append("\(bounds.includesUpper ? bounds.upper + 1 : bounds.upper)") }
            return values
        case .boolean: return ["maybe"]
        case .choice: return ["no-such-choice"]
        case .seed: return ["-1", "seven"]
        case .threads: return ["0", "two"]
        case .text: return parameter.key == "models" ? ["no-such-model", "als,als", "ease"] : []
        }
    }
}
