import ArgumentParser
import Foundation
import Reco

/// `reco demo`: the main job, end to end on a built-in sample or on MovieLens.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract:
            "Train the notebook's two models, their hybrid and the strongest models side by side, and show what they do.",
        discussion: """
            Loads the data (a built-in sample catalog when --data is not given; MovieLens with its genres, release \
            years and user demographics), holds out 20% of each user's ratings with a seed, and trains the \
            notebook's content-based and collaborative-filtering models, the hybrid that unites them, the bias \
            baseline and --preset best on the rest. It prints one table of test RMSE, NDCG@10 and fit time, one \
            user's top 10 from the model that ranks best, the films most like one title, a new film known only \
            by its genres and year with the users it would go to, and a new user's top 10 from three ratings.

            Example:
              reco demo
              reco demo --data ../shared/data/ml-100k
            """
    )

    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var seedOption: SeedOption

    @Option(help: "Share of each user's ratings held out for testing.")
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

    /// One row of the comparison.
    struct Entry {
        var label: String
        var model: any TrainableModel
        var seconds: Double
        var rmse: Double?
        var ndcg: Double
    }

    func run() throws {
        var loader = DatasetLoader(
            format: dataOptions.dataFormat, itemFeaturesPath: dataOptions.itemFeatures,
            userFeaturesPath: dataOptions.userFeatures, releaseYears: true)
        if dataOptions.data == nil { loader.releaseYears = false }
        let dataset = try dataOptions.data.map { try loader.load($0) } ?? SampleCatalog.generate()
        let seed = seedOption.seed
        let ratings = dataset.ratings
        print("Data: \(dataset.files.joined(separator: ", "))")
        print(
            "  \(ratings.userCount) users, \(ratings.itemCount) items, \(ratings.count) ratings, density "
                + "\(fixed(ratings.density * 100, 2))%; item features: \(dataset.itemFeatureTable?.names.count ?? 0), "
                + "user features: \(dataset.userFeatureTable?.names.count ?? 0)")
        let split = Splitter.perUser(ratings, testFraction: testFraction, seed: seed)
        let train = split.train
        print("Split: \(train.count) training and \(split.test.count) test ratings (\(split.name), seed \(seed))\n")
        let data = SideFeatures(dataset).trainingData(for: train)
        let evaluator = Evaluator(metrics: [.rmse, .ndcg(10)])
        let seedText = "\(seed)"
        let candidates: [(String, ModelKind, ModelParameters)] = [
            ("baseline (μ + b_u + b_i)", .init(BaselinePredictor.self), ModelParameters()),
            (
                "content-based (the notebook's first half)", .init(ContentBasedRecommender.self),
                ModelParameters(["seed": seedText])
            ),
            (
                "matrix-factorization (its second half)", .init(MatrixFactorization.self),
                ModelParameters(["seed": seedText])
            ),
            (
                "hybrid, squared loss (the two united)", .init(HybridFactorization.self),
                ModelParameters(["seed": seedText])
            ),
            (
                "--preset hybrid-ranking (WARP loss)", .init(HybridFactorization.self),
                try ModelPreset.named("hybrid-ranking").parameters.merging(ModelParameters(["seed": seedText]))
            ),
            ("--preset best (a blend)", try ModelPreset.named("best").kind, try ModelPreset.named("best").parameters),
        ]
        var entries: [Entry] = []
        for (label, kind, parameters) in candidates {
            if kind.needsItemFeatures && data.itemFeatures == nil { continue }
            progressOptions.reporter(label: "demo").say("training \(label)")
            let start = ContinuousClock.now
            let model = try kind.fit(data, parameters: parameters)
            let seconds = secondsElapsed(since: start)
            let result = evaluator.score(model, on: split)
            entries.append(
                Entry(
                    label: label, model: model, seconds: seconds,
                    rmse: kind.ranksOnly || parameters["loss"] == "warp" ? nil : result.values[0],
                    ndcg: result.values[1]))
        }
        var table = TextTable(["model", "test RMSE", "NDCG@10", "fit seconds"])
        for entry in entries {
            table.add([
                entry.label, entry.rmse.map { fixed($0, 4) } ?? "—", fixed(entry.ndcg, 4), fixed(entry.seconds, 2),
            ])
        }
        print(table.render())
        print("(RMSE on the held-out ratings; NDCG@10 ranks every film the user did not rate in training.)\n")

        func title(_ item: Int) -> String {
            let id = train.itemIDs.id(at: item)
            return dataset.titlesByID[id] ?? id
        }
        let userID =
            try user.map { id -> String in
                guard train.userIDs.index(of: id) != nil else {
                    throw CommandError(
                        "unknown user '\(id)'; known users include \(train.userIDs.closest(to: id).joined(separator: ", "))"
                    )
                }
                return id
            } ?? ratings.userIDs.id(at: 0)
        let ranker = entries.max { $0.ndcg < $1.ndcg }!
        print(
            "Top 10 for user \(userID) from the model that ranks best, \(ranker.label) (films rated in training left out):"
        )
        var top = TextTable(["#", "movie"], leftAligned: [1])
        for (rank, entry) in ranker.model.recommend(
            user: train.userIDs.index(of: userID)!, count: 10, excludingRatedIn: train
        )
        .enumerated() {
            top.add(["\(rank + 1)", title(entry.item)])
        }
        print(top.render() + "\n")

        if let factorization = entries.first(where: { $0.model is MatrixFactorization })?.model {
            let anchorID = ratings.itemIDs.id(at: try anchorItem(dataset))
            // Items with few ratings keep vectors near their start; comparing against them is noise.
            let similar =
                train.itemIDs.index(of: anchorID).flatMap { anchor in
                    factorization.similarItems(to: anchor, count: 5) { train.ratingCount(ofItem: $0) >= 20 }
                } ?? []
            print(
                "Most like \(dataset.titlesByID[anchorID] ?? anchorID) (cosine of matrix-factorization's item vectors, films with 20+ ratings):"
            )
            var near = TextTable(["#", "movie", "cosine"], leftAligned: [1])
            for (rank, entry) in similar.enumerated() {
                near.add(["\(rank + 1)", title(entry.item), fixed(Double(entry.score), 3)])
            }
            print(near.render() + "\n")
        }

        guard let hybrid = entries.first(where: { $0.label.hasPrefix("hybrid, squared") })?.model,
            !hybrid.itemFeatureNames.isEmpty
        else { return }
        let saved = SavedModel(model: hybrid, training: train)
        // A film nobody has rated: only its genres and release year are known.
        let names = hybrid.itemFeatureNames
        let tags = ["Sci-Fi", "Action", "Adventure", "released=1995-1999"].filter(names.contains)
        let row = names.map { tags.contains($0) ? Float(1) : 0 }
        let filmFeatures = DenseMatrix(rows: 1, columns: names.count, storage: row)
        // The users it would go to: those whose own list it would top (the share of their films it outscores).
        var audience = TopK(capacity: 5)
        for user in 0..<train.userCount {
            guard let score = hybrid.scores(ofNewItems: filmFeatures, for: .trained(user))?.first else { continue }
            let scores = hybrid.scores(forUser: user)
            audience.insert(item: user, score: Float(scores.filter { $0 < score }.count) / Float(scores.count))
        }
        print("Cold start: a new film known only as \(tags.joined(separator: ", ")) would go first to (hybrid):")
        var goes = TextTable(["#", "user", "beats", "films they rated 5★"], leftAligned: [1, 3])
        for (rank, entry) in audience.sorted().enumerated() {
            let favourites = train.userRange(entry.item).filter { train.userRatings[$0] == 5 }
                .sorted {
                    train.ratingCount(ofItem: Int(train.userItems[$0]))
                        > train.ratingCount(ofItem: Int(train.userItems[$1]))
                }
                .prefix(3).map { title(Int(train.userItems[$0])) }.joined(separator: "; ")
            goes.add([
                "\(rank + 1)", train.userIDs.id(at: entry.item), "\(fixed(Double(entry.score) * 100, 1))%", favourites,
            ])
        }
        print(goes.render() + "\n")
        // A new user: three ratings, folded in without retraining.
        let given = ["Star Wars (1977)", "Empire Strikes Back, The (1980)", "Alien (1979)"]
            .compactMap { name in
                dataset.item(titled: name).flatMap { train.itemIDs.index(of: ratings.itemIDs.id(at: $0)) }
            }
        let chosen =
            given.count == 3
            ? given
            : Array(
                (0..<train.itemCount).sorted { train.ratingCount(ofItem: $0) > train.ratingCount(ofItem: $1) }.prefix(3)
            )
        let result = try saved.recommend(UserQuery(items: chosen, ratings: [5, 5, 4]), count: 10)
        print(
            "Cold start: a new user who rated \(chosen.map(title).joined(separator: ", ")) 5★, 5★, 4★ (hybrid, fold-in, ranked by interest):"
        )
        var newcomer = TextTable(["#", "movie", "predicted"], leftAligned: [1])
        for (rank, entry) in (result?.items ?? []).enumerated() {
            // Ranked by interest; the column is the predicted rating.
            let predicted = entry.rating ?? entry.score
            newcomer.add(["\(rank + 1)", dataset.titlesByID[entry.id] ?? entry.id, fixed(Double(predicted), 2)])
        }
        print(newcomer.render())
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
