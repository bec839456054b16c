extension RatingModel {
    /// No ranker: lists follow the model's scores.
    public var interestRanker: InterestRanker? { nil }

    /// The scores `rankBy` orders `user`'s list by: the interest scores of the model's ranker, or
    /// the model's own scores (`scores(forUser:)`) when it has none or `rankBy` is `.rating`.
    ///
    /// - Complexity: O(cost of `scores(forUser:)` + cost of the ranker's scores).
    public func listScores(forUser user: Int, rankBy: RankBy = .interest) -> [Float] {
        var scores = [Float](repeating: 0, count: itemCount)
        listScore(user: user, into: &scores, rankBy: rankBy)
        return scores
    }

    /// `listScores(forUser:rankBy:)` into an array of `itemCount` values.
    func listScore(user: Int, into scores: inout [Float], rankBy: RankBy) {
        score(user: user, into: &scores)
        if rankBy == .interest, let ranker = interestRanker { ranker.apply(to: &scores, interactions: .trained(user)) }
    }
}

extension TrainableModel {
    /// The scores `rankBy` orders the list of the user `query` describes by: `scores(for:)`, turned
    /// into interest scores by the model's ranker (from the query's items for a fold-in, from the
    /// trained user's interactions otherwise); `nil` when `scores(for:)` is.
    public func listScores(for query: UserQuery, rankBy: RankBy = .interest) -> [Float]? {
        guard var scores = scores(for: query) else { return nil }
        if rankBy == .interest, let ranker = interestRanker {
            ranker.apply(to: &scores, interactions: query.interactions)
        }
        return scores
    }

    /// The list scores of a new user known by the items they rated: `foldIn(items:ratings:)`,
    /// turned into interest scores by the model's ranker unless `rankBy` is `.rating`.
    public func listFoldIn(items: [Int], ratings: [Float], rankBy: RankBy = .interest) -> [Float] {
        var scores = foldIn(items: items, ratings: ratings)
        if rankBy == .interest, let ranker = interestRanker {
            ranker.apply(to: &scores, interactions: .given(items: items, ratings: ratings))
        }
        return scores
    }
}

extension UserQuery {
    /// What the query tells an `InterestRanker`: its items when it has some (a fold-in), else the
    /// trained user's own interactions, else nothing.
    public var interactions: InterestRanker.Interactions {
        if !items.isEmpty { return .given(items: items, ratings: ratings) }
        if let user { return .trained(user) }
        return .none
    }
}
