import Reco
import RecoTestSupport
import Testing

/// Explanations add up to the score they explain, for every registered model.
@Suite("Explanations")
struct ExplanationTests {
    /// |Σ terms − ŝ| ≤ 1e-4 of the larger of |ŝ| and Σ|terms| (the scale of the sum's rounding).
    static func expectAddsUp(
        _ explanation: Explanation, _ context: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let scale = max(Double(abs(explanation.score)), explanation.magnitude, 1e-6)
        let error = abs(explanation.total - Double(explanation.score))
        #expect(
            error <= 1e-4 * scale, "\(context): terms sum to \(explanation.total), score \(explanation.score)",
            sourceLocation: sourceLocation)
    }

    @Test(
        "terms add up to every trained user's scores and to a new user's fold-in",
        arguments: RegistryTests.registry.kinds)
    func termsAddUpOnSyntheticData(kind: ModelKind) throws {
        let data = RegistryTests.data
        let model = try kind.fit(data)
        let items = Array(0..<data.ratings.itemCount)
        for user in stride(from: 0, to: data.ratings.userCount, by: 7) {
            let explained = try #require(model.explain(items: items, for: .trained(user, in: data.ratings)))
            let scores = model.scores(forUser: user)
            for explanation in explained {
                #expect(explanation.score == scores[explanation.item])
                Self.expectAddsUp(explanation, "\(kind) user \(user) item \(explanation.item)")
            }
        }
        let newUser = ExplainedUser.new(items: [1, 4, 9, 16], ratings: [5, 1, 4, 2])
        let foldIn = model.foldIn(items: newUser.items, ratings: newUser.ratings)
        for explanation in try #require(model.explain(items: items, for: newUser)) {
            #expect(abs(explanation.score - foldIn[explanation.item]) <= 1e-5 * max(1, abs(foldIn[explanation.item])))
            Self.expectAddsUp(explanation, "\(kind) new user, item \(explanation.item)")
            #expect(explanation.terms.allSatisfy { $0.kind != .residual }, "a fold-in is its own ridge view: \(kind)")
        }
        #expect(model.explain(items: items, for: .new(items: [], ratings: [])) == nil, "nothing to go on: \(kind)")
    }

    @Test func topKeepsTheSumWithAnOtherTerm() {
        let explanation = Explanation(
            item: 0, score: 3.5,
            terms: [
                ExplanationTerm(.mean, 3), ExplanationTerm(.ratedItem, 0.7, item: 2, rating: 5),
                ExplanationTerm(.ratedItem, -0.4, item: 3, rating: 1), ExplanationTerm(.itemBias, 0.2),
                ExplanationTerm(.userBias, 0),
            ])
        #expect(explanation.terms.map(\.kind) == [.mean, .ratedItem, .ratedItem, .itemBias])
        let top = explanation.top(2)
        #expect(top.terms.map(\.kind) == [.mean, .ratedItem, .other])
        #expect(abs(top.terms[2].contribution - -0.2) < 1e-6)
        #expect(abs(top.total - explanation.total) < 1e-6)
        let labelled = explanation.labelled { "Film \($0)" }
        #expect(labelled.terms[1].label == "because of Film 2 (rated 5★)")
        #expect(labelled.terms[0].label == "average rating")
    }
}
