import Reco

/// A model defined outside the library, to show what adding one costs: this file, and one line in
/// `RegistryTests.registry`. It scores item i for a user by how often i was rated together with
/// the user's items, each co-occurrence count shrunk by the pair's support:
/// ```
/// score(u, i) = Σ_{j ∈ I(u)} c_ij / (c_jj + shrinkage)
/// ```
struct CooccurrenceModel: RatingModel {
    struct Configuration: Equatable, Sendable {
        var shrinkage: Double = 10
    }

    let configuration: Configuration
    /// c_ij / (c_jj + shrinkage), items × items: row j holds what item j adds to every item.
    let weights: DenseMatrix
    let histories: [[Int]]

    var userCount: Int { histories.count }
    var itemCount: Int { weights.rows }

    func predict(user: Int, item: Int) -> Float { foldIn(items: histories[user], ratings: [])[item] }
}

extension CooccurrenceModel: TrainableModel {
    static let descriptor = ModelDescriptor(
        name: "cooccurrence", aliases: ["co-occurrence"],
        summary: "items rated together with the user's, by shrunk counts", ranksOnly: true)
    static let hyperparameters = Hyperparameters(
        defaults: Configuration(),
        [
            .real("shrinkage", \.shrinkage, .nonNegative, help: "added to each item's own count")
        ])

    static func train(
        _ data: TrainingData, configuration: Configuration, observer: TrainingObserver?
    ) throws(ModelError) -> Self {
        try hyperparameters.validate(configuration)
        let ratings = data.ratings
        let histories = (0..<ratings.userCount).map { user in ratings.userRange(user).map { Int(ratings.userItems[$0]) }
        }
        var counts = DenseMatrix(rows: ratings.itemCount, columns: ratings.itemCount)
        for history in histories { for j in history { for i in history { counts[j, i] += 1 } } }
        var weights = counts
        for j in 0..<ratings.itemCount {
            for i in 0..<ratings.itemCount {
                weights[j, i] = counts[j, i] / (counts[j, j] + Float(configuration.shrinkage))
            }
        }
        return CooccurrenceModel(configuration: configuration, weights: weights, histories: histories)
    }

    func archive(into archive: inout ModelArchive) {
        archive.set(weights, as: "cooccurrence-weights")
    }

    init(from reader: ArchiveReader, configuration: Configuration) throws(ModelFileError) {
        let items = reader.training.itemCount
        let training = reader.training
        self.init(
            configuration: configuration,
            weights: try reader.matrix("cooccurrence-weights", rows: items, columns: items),
            histories: (0..<training.userCount).map { user in
                training.userRange(user).map { Int(training.userItems[$0]) }
            })
    }

    func foldIn(items: [Int], ratings: [Float]) -> [Float] {
        var scores = [Float](repeating: 0, count: itemCount)
        for j in items { for i in 0..<itemCount { scores[i] += weights[j, i] } }
        return scores
    }

    /// One term per item of the user's: what it adds to the item.
    func explain(items: [Int], for user: ExplainedUser) -> [Explanation]? {
        guard let scores = scores(for: user.query) else { return nil }
        let history = user.user.map { histories[$0] } ?? user.items
        return items.map { item in
            Explanation(
                item: item, score: scores[item],
                terms: history.map { ExplanationTerm(.ratedItem, weights[$0, item], item: $0) })
        }
    }
}
