/// New items and users a saved model has never seen, known by their features.
extension SavedModel {
    /// Why a request for a new item or user cannot be served.
    public enum ColdStartError: Error, CustomStringConvertible, Equatable {
        /// The model reads no features of this side; `models` can.
        case noFeatures(model: String, side: String, models: [String])
        /// A feature the model does not know, with the closest ones it does.
        case unknownFeature(name: String, suggestions: [String])
        /// A feature given a value that is not a number.
        case notANumber(feature: String, text: String)
        /// A new item's id is already one of the model's items.
        case knownItem(id: String)

        /// What went wrong, for people.
        public var description: String {
            switch self {
            case .noFeatures(let model, let side, let models) where models.contains(model):
                return "this \(model) model was trained without \(side) features (none in its data, or "
                    + "\(side)-features=false), so it cannot serve a new \(side) by them; retrain it with them"
            case .noFeatures(let model, let side, let models):
                return "\(model) reads no \(side) features, so it cannot serve a new \(side) by them; "
                    + "train a model that does: \(models.joined(separator: " or "))"
            case .unknownFeature(let name, let suggestions):
                return
                    "unknown feature '\(name)'; did you mean \(suggestions.map { "'\($0)'" }.joined(separator: ", "))?"
            case .notANumber(let feature, let text): return "feature '\(feature)' = '\(text)' is not a number"
            case .knownItem(let id): return "item '\(id)' is already in the model; give new items ids of their own"
            }
        }
    }

    /// The registered models that serve new users or items of `side` by their features.
    static func featureModels(_ input: TrainingInput) -> [String] {
        ModelRegistry.standard.kinds.filter {
            $0.descriptor.inputs.contains(input) || $0.descriptor.optionalInputs.contains(input)
        }
        .map(\.name)
    }

    /// A feature row in the order of `names`, from names separated by `;` (`Sci-Fi;Action`,
    /// `age=25-34;gender=F` — the demographic and release-year features are named `key=value`), or
    /// from `name:number` for a numeric feature (`year:1995`).
    ///
    /// - Throws: `ColdStartError.unknownFeature` naming a feature the model does not have.
    static func featureRow(_ text: String, names: [String]) throws(ColdStartError) -> [Float] {
        var row = [Float](repeating: 0, count: names.count)
        let index = Dictionary(
            names.enumerated().map { ($1.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
        for part in text.split(separator: ";").map({ String($0).trimmingCharacters(in: " ") }) where !part.isEmpty {
            if let colon = part.firstIndex(of: ":"), let column = index[String(part[..<colon]).lowercased()] {
                let value = String(part[part.index(after: colon)...])
                guard let number = Float(value), number.isFinite else {
                    throw .notANumber(feature: names[column], text: value)
                }
                row[column] = number
                continue
            }
            guard let column = index[part.lowercased()] else {
                throw .unknownFeature(name: part, suggestions: suggestions(for: part, names))
            }
            row[column] = 1
        }
        return row
    }

    /// Known features like `name`: those with its value under another key (`job=writer` →
    /// `occupation=writer`), else the closest names.
    static func suggestions(for name: String, _ names: [String]) -> [String] {
        if let equals = name.firstIndex(of: "=") {
            let value = name[name.index(after: equals)...].lowercased()
            let sameValue = names.filter {
                $0.split(separator: "=", maxSplits: 1).last?.lowercased() == value && $0.contains("=")
            }
            if !sameValue.isEmpty { return Array(sameValue.prefix(3)) }
        }
        return IDMap(names).closest(to: name)
    }

    /// The feature row of a new user described as `age=25-34;gender=F;occupation=writer`.
    ///
    /// - Throws: `ColdStartError` when the model reads no user features or does not know one.
    public func userFeatureRow(_ text: String) throws(ColdStartError) -> [Float] {
        guard !model.userFeatureNames.isEmpty else {
            throw .noFeatures(model: kind.name, side: "user", models: Self.featureModels(.userFeatures))
        }
        return try Self.featureRow(text, names: model.userFeatureNames)
    }

    /// The feature row of a new item described as `Sci-Fi;Action;released 1995-1999`.
    ///
    /// - Throws: `ColdStartError` when the model reads no item features or does not know one.
    public func itemFeatureRow(_ text: String) throws(ColdStartError) -> [Float] {
        guard !model.itemFeatureNames.isEmpty else {
            throw .noFeatures(model: kind.name, side: "item", models: Self.featureModels(.itemFeatures))
        }
        return try Self.featureRow(text, names: model.itemFeatureNames)
    }

    /// New items' features in the model's feature order, matched by name: every feature of
    /// `table` must be one the model was trained with.
    ///
    /// - Throws: `ColdStartError` when the model reads no item features, does not know a feature of
    ///   the table, or already has one of its ids.
    public func newItemFeatures(_ table: FeatureTable) throws(ColdStartError) -> DenseMatrix {
        let names = model.itemFeatureNames
        guard !names.isEmpty else {
            throw .noFeatures(model: kind.name, side: "item", models: Self.featureModels(.itemFeatures))
        }
        let index = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        for name in table.names where index[name] == nil {
            throw .unknownFeature(name: name, suggestions: IDMap(names).closest(to: name))
        }
        for id in table.ids.ids where training.itemIDs.index(of: id) != nil { throw .knownItem(id: id) }
        var matrix = DenseMatrix(rows: table.ids.count, columns: names.count)
        for row in 0..<table.ids.count {
            for (column, name) in table.names.enumerated() {
                matrix[row, index[name]!] = table.features.matrix[row, column]
            }
        }
        return matrix
    }

    /// The `count` best items — the model's and the new ones in `newItems` — for `query`, leaving
    /// out the items the user rated (a trained user's, and the given ones).
    ///
    /// - Returns: `nil` when nothing is known of the user (no id, features or ratings).
    /// - Throws: `ColdStartError` when there are new items and the model reads no item features.
    public func recommend(
        _ query: UserQuery, newItems: (ids: IDMap, features: DenseMatrix)? = nil, count: Int, rankBy: RankBy = .interest
    ) throws(ColdStartError) -> (source: Source, items: [Entry])? {
        guard let ratings = model.scores(for: query) else { return nil }
        let ranker = rankBy == .interest ? model.interestRanker : nil
        let known = ranker?.interest(ratings: ratings, interactions: query.interactions) ?? ratings
        var excluded = Set(query.items)
        if let user = query.user { excluded.formUnion(training.userItems[training.userRange(user)].map(Int.init)) }
        var top = TopK(capacity: count)
        for (item, score) in known.enumerated() where !excluded.contains(item) { top.insert(item: item, score: score) }
        var newScores: [Float] = []
        if let newItems, newItems.ids.count > 0 {
            guard let scores = model.scores(ofNewItems: newItems.features, for: query) else {
                throw .noFeatures(model: kind.name, side: "item", models: Self.featureModels(.itemFeatures))
            }
            newScores = scores
            // New items are numbered after the model's; no one has interacted with them yet.
            let ranked = ranker?.interest(ofNewItems: scores, ratings: ratings, interest: known) ?? scores
            for (offset, score) in ranked.enumerated() { top.insert(item: itemCount + offset, score: score) }
        }
        let ranked = top.sorted().map { scored -> Entry in
            let rating = scored.item < itemCount ? ratings[scored.item] : newScores[scored.item - itemCount]
            var entry =
                scored.item < itemCount
                ? entries([scored])[0]
                : Entry(id: newItems!.ids.id(at: scored.item - itemCount), title: nil, score: scored.score)
            if ranker != nil { entry.rating = clipped(rating) }
            return entry
        }
        let source: Source = !query.items.isEmpty ? .foldIn : query.user != nil ? .model : .features
        return (source, ranked)
    }
}
