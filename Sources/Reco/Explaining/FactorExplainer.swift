/// The terms of base + b_u + b_i + p·q_i for a factor model whose new users are folded in by a
/// ridge regression on fixed item vectors (`RidgeItemSide`): the biases, and p·q_i split over the
/// items the user rated by the ridge view (`RatedItemAttribution`).
///
/// A new user's p is that ridge solution, so the rated items account for p·q_i exactly. A trained
/// user's p came from training (SGD, or ALS against the previous item vectors): the same ridge view
/// of their ratings is used, and what it leaves of the trained p·q_i is its own `.residual` term.
struct FactorExplainer {
    /// The fixed item side.
    let side: RidgeItemSide
    /// The user's vector p: trained, or the fold-in.
    let vector: [Float]
    /// A trained user's b_u (`nil` for a new user or a model without user biases).
    let userBias: Float?
    /// Whether p is the trained vector (so a residual term is reported).
    let trained: Bool
    /// The user's ratings.
    let ratings: [Float]
    /// The ridge view of the user's ratings.
    let attribution: RatedItemAttribution

    /// The explainer for `user`: a trained user's `trainedVector(user)` and `userBias(user)`, or a
    /// new user's fold-in; `nil` for a new user who rated nothing.
    init?(side: RidgeItemSide, user: ExplainedUser, trainedVector: (Int) -> [Float], userBias: ((Int) -> Float)? = nil)
    {
        guard user.user != nil || !user.items.isEmpty else { return nil }
        self.side = side
        trained = user.user != nil
        ratings = user.ratings
        if let index = user.user {
            vector = trainedVector(index)
            self.userBias = userBias?(index)
        } else {
            vector = side.vector(items: user.items, ratings: user.ratings)
            self.userBias = nil
        }
        let shift = self.userBias ?? 0
        attribution = RatedItemAttribution(
            factors: side.factors, items: user.items,
            targets: zip(user.items, user.ratings).map { side.target(item: $0, rating: $1) - shift },
            diagonal: side.regularization * Float(max(user.items.count, 1)))
    }

    /// The biases' terms for `item`.
    func biasTerms(item: Int) -> [ExplanationTerm] {
        var terms = [ExplanationTerm(.mean, side.base)]
        if let userBias { terms.append(ExplanationTerm(.userBias, userBias)) }
        if let biases = side.biases { terms.append(ExplanationTerm(.itemBias, biases[item])) }
        return terms
    }

    /// The score of `item` as the model's `scores(for:)` gives it, computed alone and in the same
    /// order (base + b_u, + b_i, + p·q_i), so it is the same float: a list of ten explained items
    /// does not score the whole catalogue.
    func score(item: Int) -> Float {
        let base = userBias.map { side.base + $0 } ?? side.base
        let product = side.factors.dot(row: item, vector)
        guard let biases = side.biases else { return base + product }
        return base + biases[item] + product
    }

    /// Every term of `item`'s score: the biases, and p·q_i over the rated items (with the residual
    /// for a trained user).
    func terms(item: Int) -> [ExplanationTerm] {
        var terms = biasTerms(item: item)
        terms.reserveCapacity(terms.count + attribution.items.count + 1)
        attribution.appendTerms(
            toward: side.factors.row(item), ratings: ratings,
            actual: trained ? side.factors.dot(row: item, vector) : nil, to: &terms)
        return terms
    }
}
