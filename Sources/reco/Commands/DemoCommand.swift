import ArgumentParser
import Foundation
import Reco

/// `reco demo`: the main job, end to end on a built-in sample or on MovieLens.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Train both recommenders on real or sample data and show what they recommend.",
        discussion: """
            Loads the data (a built-in sample catalog when --data is not given), holds out 20% of the \
            ratings with a seed, trains the content-based model on the item genres and the collaborative-\
            filtering model, prints test RMSE next to the global-mean baseline, then one user's top 10 and \
            the movies most similar to one title.

            Example:
              reco demo
              reco demo --data ../shared/data/ml-100k
            """
    )

    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var seedOption: SeedOption

    @Option(help: "Share of ratings held out for testing.")
    var testFraction: Double = 0.2

    @Option(help: "The user whose top 10 is shown (default: the first user).")
    var user: String?

    @Option(
        help:
            "The title whose similar movies are shown (default: Star Wars (1977) when present, else the most rated item)."
    )
    var title: String?

    @OptionGroup var progressOptions: ProgressOptions

    func validate() throws {
        guard testFraction > 0 && testFraction < 1 else {
            throw ValidationError("--test-fraction must be between 0 and 1, e.g. 0.2")
        }
    }

    func run() throws {
        let dataset = try dataOptions.data.map { _ in try dataOptions.load() } ?? SampleCatalog.generate()
        let seed = seedOption.seed
        let ratings = dataset.ratings
        print("Data: \(dataset.files.joined(separator: ", "))")
        print(
            "  \(ratings.userCount) users, \(ratings.itemCount) items, \(ratings.count) ratings, "
                + "density \(fixed(ratings.density * 100, 2))%")
        let split = Splitter.holdout(ratings, testFraction: testFraction, seed: seed)
        print("Split: \(split.train.count) training and \(split.test.count) test ratings (\(split.name), seed \(seed))")
        if split.coldUsers + split.coldItems > 0 {
            print(
                "  \(split.coldUsers) users and \(split.coldItems) items appear only in the test set; they are predicted by the model's baseline (μ plus the known side's bias) or the training mean"
            )
        }
        print("")

        var table = TextTable(["model", "test RMSE", "test MAE", "fit seconds"])
        let mean = GlobalMean(split.train)
        let meanMetrics = RatingMetrics.evaluate(mean, train: split.train, test: split.test)
        table.add(["global mean", fixed(meanMetrics.rmse, 4), fixed(meanMetrics.mae, 4), "0.000"])

        if let features = dataset.itemFeatures, let aligned = dataset.itemFeatures(alignedTo: split.train) {
            let clock = ContinuousClock.now
            let content = try ContentBasedRecommender.fit(
                split.train, itemFeatures: aligned.matrix, featureNames: aligned.names)
            let seconds = secondsElapsed(since: clock)
            let metrics = RatingMetrics.evaluate(content, train: split.train, test: split.test)
            table.add([
                "content-based (\(features.names.count) genres, ridge)", fixed(metrics.rmse, 4), fixed(metrics.mae, 4),
                fixed(seconds, 3),
            ])
        } else {
            print("(no item features in this data, so the content-based model is skipped)")
        }

        var cfConfiguration = MatrixFactorization.Configuration()
        cfConfiguration.seed = seed
        let reporter = progressOptions.reporter(label: "collaborative filtering")
        let clock = ContinuousClock.now
        let factorization = try MatrixFactorization.fit(
            split.train, configuration: cfConfiguration, observer: reporter.observer)
        reporter.finish()
        let seconds = secondsElapsed(since: clock)
        let cfMetrics = RatingMetrics.evaluate(factorization, train: split.train, test: split.test)
        table.add([
            "collaborative filtering (k=\(cfConfiguration.factors), gradient descent)", fixed(cfMetrics.rmse, 4),
            fixed(cfMetrics.mae, 4), fixed(seconds, 3),
        ])
        print(table.render())
        print("")

        let userIndex: Int
        if let user {
            guard let index = ratings.userIDs.index(of: user) else {
                throw CommandError(
                    "unknown user '\(user)'; known users include \(ratings.userIDs.closest(to: user).joined(separator: ", "))"
                )
            }
            userIndex = index
        } else {
            userIndex = 0
        }
        let userID = ratings.userIDs.id(at: userIndex)
        // A split indexes users and items in its own order: go through the ids.
        let train = split.train
        func title(_ trainItem: Int) -> String {
            let id = train.itemIDs.id(at: trainItem)
            return dataset.titlesByID[id] ?? id
        }
        print("Top 10 for user \(userID) (collaborative filtering, movies the user rated in training left out):")
        var top = TextTable(["#", "movie", "predicted"], leftAligned: [1])
        let trainUser = train.userIDs.index(of: userID) ?? 0
        for (rank, entry) in factorization.recommend(user: trainUser, count: 10, excludingRatedIn: train).enumerated() {
            top.add(["\(rank + 1)", title(entry.item), fixed(Double(entry.score), 2)])
        }
        print(top.render())
        print("")

        let anchorID = ratings.itemIDs.id(at: try anchorItem(dataset))
        // Items with few ratings keep vectors near their random start; comparing against them is noise.
        let similar =
            train.itemIDs.index(of: anchorID).flatMap { anchor in
                factorization.similarItems(to: anchor, count: 5) { train.ratingCount(ofItem: $0) >= 20 }
            } ?? []
        print("Most similar to \(dataset.titlesByID[anchorID] ?? anchorID) (cosine of the learned item vectors, items with 20+ ratings):")
        var near = TextTable(["#", "movie", "cosine"], leftAligned: [1])
        for (rank, entry) in similar.enumerated() {
            near.add(["\(rank + 1)", title(entry.item), fixed(Double(entry.score), 3)])
        }
        print(near.render())
    }

    private func anchorItem(_ dataset: Dataset) throws -> Int {
        if let title {
            guard let index = dataset.item(titled: title) ?? dataset.ratings.itemIDs.index(of: title) else {
                throw CommandError("no movie titled '\(title)'")
            }
            return index
        }
        if let starWars = dataset.item(titled: "Star Wars (1977)") { return starWars }
        return (0..<dataset.ratings.itemCount).max {
            dataset.ratings.ratingCount(ofItem: $0) < dataset.ratings.ratingCount(ofItem: $1)
        } ?? 0
    }

}
