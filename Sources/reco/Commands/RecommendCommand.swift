import ArgumentParser
import Foundation
import Reco

/// `reco recommend`: top-N for a known user, or for a new user by fold-in.
struct RecommendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recommend",
        abstract: "Recommend items for a user of the model, or for a new user given the items they like.",
        discussion: """
            Items the user rated in training are left out unless --include-rated. A user the model does not \
            know is served with --items (and optionally --ratings): the user's vector is solved on the spot \
            with the item side fixed (fold-in), without retraining. Items can be given by id or by title. Models \
            that read features (hybrid; content-based for items) also serve a new user known only by \
            --user-features, and rank --new-items, films known only by their genres, alongside the known ones.

            Examples:
              reco recommend --model movielens.reco --user 196
              reco recommend --model movielens.reco --all-users --count 10 > top10.tsv
              reco recommend --model movielens.reco --items 50,172,181,174,210 --count 5 --format json
              reco recommend --model movielens.reco --items "Alien (1979);Terminator, The (1984)"
              reco recommend --model hybrid.reco --user-features 'age=25-34;gender=F;occupation=writer'
              reco recommend --model hybrid.reco --user 196 --new-items new-films.tsv
              reco recommend --model movielens.reco --user 196 --explain

            --explain adds under each item its three largest reasons, the terms of its score that tell it from \
            the user's other items (`reco explain` shows them all).

            A rating model trained with a ranker (biased-mf, svd++ and hybrid with squared loss do so by default) \
            orders lists by interest: its ranker's score of how likely the user picks each item, plus a small weight \
            on the predicted rating; each item also shows its predicted rating. --rank-by rating orders by the \
            predicted rating alone. The header says which.
            """
    )

    @OptionGroup var modelFile: ModelFileOption

    @Option(help: "The user's id.")
    var user: String?

    @Option(
        help: ArgumentHelp(
            "Ids (or titles) of items a new user liked, separated by ',' (or ';' when titles hold commas).",
            valueName: "ids"))
    var items: String?

    @Option(
        help: ArgumentHelp(
            "Ratings for --items, in the same order (default: the top of the scale).", valueName: "values"))
    var ratings: String?

    @Option(
        help: ArgumentHelp(
            "A new user known by features, as the model names them: 'age=25-34;gender=F;occupation=writer' "
                + "(models that read user features: hybrid).", valueName: "features"))
    var userFeatures: String?

    @Option(
        help: ArgumentHelp(
            "New items known only by their features, ranked alongside the model's: a feature file "
                + "(id<TAB>token token ..., or a numeric CSV with a header) whose features the model was trained with.",
            valueName: "file"))
    var newItems: String?

    @Flag(help: "Recommend for every user of the model (user<TAB>rank<TAB>item<TAB>score lines), on all cores.")
    var allUsers = false

    @Option(help: "How many items.")
    var count: Int = 10

    @Flag(help: "Keep items the user rated in training.")
    var includeRated = false

    @Flag(help: "Add the three largest reasons under each item (the terms of its score, see `reco explain`).")
    var explain = false

    @OptionGroup var rankByOption: RankByOption

    @OptionGroup var output: OutputOptions<TableFormat>

    func validate() throws {
        guard [user != nil, items != nil || userFeatures != nil, allUsers].filter({ $0 }).count == 1 else {
            throw ValidationError(
                "give --user ID, a new user's --items ID,ID,... and/or --user-features 'key=value;...', or --all-users")
        }
        if allUsers && explain { throw ValidationError("--explain goes with --user, --items or --user-features") }
        if allUsers && newItems != nil {
            throw ValidationError("--new-items goes with --user, --items or --user-features")
        }
        guard (1...100_000).contains(count) else { throw ValidationError("--count must be between 1 and 100000") }
        if ratings != nil && items == nil { throw ValidationError("--ratings goes with --items") }
    }

    func run() throws {
        let saved = try modelFile.load()
        if allUsers {
            let start = ContinuousClock.now
            let lists = saved.model.recommendAll(
                count: count, excludingRatedIn: includeRated ? nil : saved.training, rankBy: rankBy)
            let seconds = secondsElapsed(since: start)
            var output = ""
            for (user, list) in lists.enumerated() {
                let id = saved.training.userIDs.id(at: user)
                for (rank, entry) in list.enumerated() {
                    output += "\(id)\t\(rank + 1)\t\(saved.training.itemIDs.id(at: entry.item))\t\(entry.score)\n"
                }
            }
            FileHandle.standardOutput.write(Data(output.utf8))
            FileHandle.standardError.write(
                Data(
                    "top-\(count) for \(lists.count) users in \(fixed(seconds * 1000, 1)) ms, ranked \(saved.rankingDescription(rankBy))\n"
                        .utf8))
            return
        }
        let newItemFeatures = try newItems.map { path in
            let table = try FeatureTable.read(path)
            return (ids: table.ids, features: try saved.newItemFeatures(table))
        }
        if let user, let newItemFeatures {
            let index = try saved.userIndex(user)
            let result = try saved.recommend(.trained(index), newItems: newItemFeatures, count: count, rankBy: rankBy)!
            print(
                render(
                    result.items, saved: saved, explained: .trained(index, in: saved.training),
                    header: [
                        "user": user, "source": result.source.rawValue, "new items": "\(newItemFeatures.ids.count)",
                    ]))
            return
        }
        if let user {
            let result = try saved.recommend(user: user, count: count, includeRated: includeRated, rankBy: rankBy)
            let explained =
                result.source == .model ? ExplainedUser.trained(try saved.userIndex(user), in: saved.training) : nil
            print(
                render(
                    result.items, saved: saved, explained: explained,
                    header: ["user": user, "source": result.source.rawValue]))
            return
        }
        let (ids, values) = try ItemList.parse(items ?? "", ratings: ratings)
        if userFeatures != nil || newItemFeatures != nil {
            let indices = try ids.map { try saved.itemIndex($0) }
            let query = UserQuery(
                features: try userFeatures.map { try saved.userFeatureRow($0) }, items: indices,
                ratings: values ?? indices.map { _ in saved.ratingScale?.upperBound ?? 1 })
            guard let result = try saved.recommend(query, newItems: newItemFeatures, count: count, rankBy: rankBy)
            else {
                throw CommandError("nothing is known of this user: give --items or --user-features")
            }
            let explained = ExplainedUser(
                user: nil, features: query.features, items: query.items, ratings: query.ratings)
            print(
                render(
                    result.items, saved: saved, explained: explained,
                    header: ["user": "(new user)", "source": result.source.rawValue]))
            return
        }
        let result = try saved.recommend(forItems: ids, ratings: values, count: count, rankBy: rankBy)
        var explained: ExplainedUser? = nil
        if result.source == .foldIn {
            let indices = try ids.map { try saved.itemIndex($0) }
            explained = .new(
                items: indices, ratings: values ?? indices.map { _ in saved.ratingScale?.upperBound ?? 1 })
        }
        print(
            render(
                result.items, saved: saved, explained: explained,
                header: ["user": "(new user)", "source": result.source.rawValue]))
    }

    private var rankBy: RankBy { rankByOption.rankBy }

    /// The list, with each known item's three largest reasons for `explained` under --explain, and
    /// a header line on how it is ranked.
    private func render(
        _ entries: [SavedModel.Entry], saved: SavedModel, explained: ExplainedUser?, header: [String: String]
    ) -> String {
        var header = header
        // Rating models say how their list is ordered (by interest or by rating); ranking models have one order.
        if !entries.isEmpty && !saved.kind.ranksOnly { header["ranking"] = saved.rankingDescription(rankBy) }
        guard explain else {
            return EntryPrinter.render(entries, format: output.format, scoreName: "score", header: header)
        }
        let indices = entries.map { saved.training.itemIDs.index(of: $0.id) }
        var reasons = [[ExplanationTerm]](repeating: [], count: entries.count)
        if let explained, let found = saved.reasons(items: indices.compactMap { $0 }, for: explained) {
            var next = found.makeIterator()
            for (position, index) in indices.enumerated() where index != nil {
                reasons[position] = next.next()!
            }
        }
        return EntryPrinter.render(
            entries, reasons: reasons, format: output.format, header: header,
            itemID: { saved.training.itemIDs.id(at: $0) })
    }
}
