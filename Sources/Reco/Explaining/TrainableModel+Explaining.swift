extension TrainableModel {
    /// One explanation per item of `items`, scored by `scores(for: user.query)` and explained by
    /// `terms`; `nil` when the model gives no scores for the user.
    func explanations(
        of items: [Int], for user: ExplainedUser, terms: (Int) -> [ExplanationTerm]
    ) -> [Explanation]? {
        guard let scores = scores(for: user.query) else { return nil }
        return items.map { Explanation(item: $0, score: scores[$0], terms: terms($0)) }
    }

    /// The same, for a model that scores one item as cheaply as its whole catalogue: `score(item)`
    /// gives what `scores(for: user.query)` would.
    func explanations(
        of items: [Int], score: (Int) -> Float, terms: (Int) -> [ExplanationTerm]
    ) -> [Explanation] {
        items.map { Explanation(item: $0, score: score($0), terms: terms($0)) }
    }
}
