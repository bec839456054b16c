extension SavedModel {
    /// How explanations name item `index`: its title, or its id when it has none.
    public func itemName(_ index: Int) -> String { title(ofItem: index) ?? training.itemIDs.id(at: index) }

    /// Explanations of `items` (indices) for `user`, labelled with item titles; `nil` when nothing is
    /// known of a new user.
    public func explain(items: [Int], for user: ExplainedUser) -> [Explanation]? {
        model.explain(items: items, for: user)?.map { $0.labelled(itemName: itemName) }
    }

    /// The `count` largest reasons (`Explanation.reasons`) of each of `items` for `user`, labelled
    /// with item titles: what lists with reasons show. Only the kept terms are labelled.
    public func reasons(items: [Int], for user: ExplainedUser, count: Int = 3) -> [[ExplanationTerm]]? {
        model.explain(items: items, for: user)?.map { explanation in
            explanation.reasons(count).map { term in
                var term = term
                if let item = term.item { term.itemName = itemName(item) }
                return term
            }
        }
    }

    /// Why trained user `userID` gets item `itemID` (an id or title) its score.
    ///
    /// - Throws: `LookupError` naming an unknown user or item with the closest known ones.
    public func explain(user userID: String, item itemID: String) throws(LookupError) -> Explanation {
        let user = try userIndex(userID)
        let item = try itemIndex(itemID)
        return explain(items: [item], for: .trained(user, in: training))![0]
    }

    /// Why a new user who gave `ratings` to `itemIDs` (ids or titles; the top of the scale when
    /// `ratings` is `nil`) gets item `itemID` its fold-in score; `nil` when they rated nothing.
    ///
    /// - Throws: `LookupError` naming an unknown item.
    public func explain(
        item itemID: String, forItems itemIDs: [String], ratings: [Float]? = nil
    ) throws(LookupError) -> Explanation? {
        let item = try itemIndex(itemID)
        let items = try itemIDs.map { id throws(LookupError) in try itemIndex(id) }
        let values = ratings ?? [Float](repeating: ratingScale?.upperBound ?? 1, count: items.count)
        return explain(items: [item], for: .new(items: items, ratings: values))?.first
    }
}
