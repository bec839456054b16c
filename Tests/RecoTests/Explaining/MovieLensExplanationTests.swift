import Reco
import RecoTestSupport
import Testing

/// Explanations on MovieLens 100k: the reasons a person would expect come first.
@Suite(.enabled(if: Fixtures.movieLensEnabled, "MovieLens 100k not found at \(Fixtures.movieLensPath)"))
struct MovieLensExplanationTests {
    static let dataset: Dataset = try! DatasetLoader().load(Fixtures.movieLensPath)

    static var data: TrainingData {
        TrainingData(ratings: dataset.ratings, itemFeatures: dataset.itemFeatures, userFeatures: dataset.userFeatures)
    }

    /// Fewer epochs and factors than the defaults for implicit-als: a debug build trains slowly, and these
    /// already rank the Star Wars films together. (Every model's sums on 1,000 MovieLens pairs are
    /// checked in the release build by `Benchmarks/explain.sh`, which CI runs.)
    static let quick: [String: [String: String]] = ["implicit-als": ["epochs": "3", "factors": "32"]]

    /// A user who gave the three Star Wars films 5★, folded in with everything but Return of the
    /// Jedi: why item-knn and implicit-als recommend it.
    @Test(arguments: [ModelKind(ItemKNN.self), ModelKind(ImplicitALS.self)])
    func starWarsFansAreToldAboutStarWars(kind: ModelKind) throws {
        let ratings = Self.dataset.ratings
        let starWars = try #require(ratings.itemIDs.index(of: "50"))
        let empire = try #require(ratings.itemIDs.index(of: "172"))
        let jedi = try #require(ratings.itemIDs.index(of: "181"))
        let fan = try #require(
            (0..<ratings.userCount).first { user in
                [starWars, empire, jedi].allSatisfy { ratings.rating(user: user, item: $0) == 5 }
            })
        var history = ExplainedUser.trained(fan, in: ratings)
        let keep = history.items.indices.filter { history.items[$0] != jedi }
        history = .new(items: keep.map { history.items[$0] }, ratings: keep.map { history.ratings[$0] })
        let model = try kind.fit(Self.data, parameters: ModelParameters(Self.quick[kind.name] ?? [:]))
        let explanation = try #require(model.explain(item: jedi, for: history))
        ExplanationTests.expectAddsUp(explanation, "\(kind) Return of the Jedi")
        let reasons = explanation.terms.filter { $0.kind == .ratedItem }.prefix(2).compactMap(\.item)
        let named = explanation.labelled { Self.dataset.title(ofItem: $0) }.top(3).terms.map(\.label)
        print("Why \(kind) recommends Return of the Jedi to user \(ratings.userIDs.id(at: fan)): \(named)")
        #expect(reasons.contains(starWars) || reasons.contains(empire), "top reasons: \(named)")
    }
}
