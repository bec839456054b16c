import ArgumentParser
import Foundation
import Reco

/// `reco explain`: why a model gives a user's item its score.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain a score: the terms that add up to it, largest first.",
        discussion: """
            Every model explains itself in terms that add up to its score: the mean and biases, the items the \
            user rated (for factor models, their share of the user's vector in a ridge view of their ratings, \
            with what that view leaves as a residual term), item and user features, a blend's components. \
            --top N keeps the N largest and sums the rest into one "other" term. A new user is explained by \
            their fold-in from --items (and --ratings).

            --audit N checks the model instead: N seeded (user, item) pairs, the worst gap between the terms' \
            sum and the score, and the time one explanation takes (exits 1 when a sum is off by more than \
            1e-4 of its scale).

            Examples:
              reco explain --model movielens.reco --user 196 --item 50
              reco explain --model movielens.reco --user 196 --item "Star Wars (1977)" --top 5 --format json
              reco explain --model movielens.reco --items 172,181 --ratings 5,5 --item 50
              reco explain --model movielens.reco --audit 1000
            """
    )

    @OptionGroup var modelFile: ModelFileOption

    @Option(help: "The user's id.")
    var user: String?

    @Option(help: "The item's id (or title).")
    var item: String?

    @Option(
        help: ArgumentHelp("Ids (or titles) a new user rated, separated by ',' (or ';').", valueName: "ids"))
    var items: String?

    @Option(help: ArgumentHelp("Ratings for --items (default: the top of the scale).", valueName: "values"))
    var ratings: String?

    @Option(help: "Keep the largest N terms and sum the rest.")
    var top: Int?

    @Option(help: ArgumentHelp("Check sums and time explanations on N seeded pairs.", valueName: "pairs"))
    var audit: Int?

    @OptionGroup var seed: SeedOption

    @OptionGroup var output: OutputOptions<DescriptionFormat>

    func validate() throws {
        if let audit {
            guard audit > 0 else { throw ValidationError("--audit needs at least 1 pair") }
            guard user == nil, item == nil, items == nil else { throw ValidationError("--audit goes alone") }
            return
        }
        guard item != nil else { throw ValidationError("give --item (with --user, or a new user's --items)") }
        guard (user == nil) != (items == nil) else { throw ValidationError("give --user ID or --items ID,ID,...") }
        if ratings != nil && items == nil { throw ValidationError("--ratings goes with --items") }
        if let top, top < 1 { throw ValidationError("--top must be at least 1") }
    }

    func run() throws {
        let saved = try modelFile.load()
        if let audit {
            let report = ExplanationAudit.run(saved, pairs: audit, seed: seed.seed)
            print(report.summary(model: saved.kind.name))
            if !report.passed { throw ExitCode(1) }
            return
        }
        var explanation: Explanation
        let who: String
        if let user {
            explanation = try saved.explain(user: user, item: item!)
            who = "user \(user)"
        } else {
            let (ids, values) = try ItemList.parse(items!, ratings: ratings)
            guard let found = try saved.explain(item: item!, forItems: ids, ratings: values) else {
                throw CommandError("nothing is known of this user: give --items")
            }
            explanation = found
            who = "a new user"
        }
        if let top { explanation = explanation.top(top) }
        let itemID = { (index: Int) in saved.training.itemIDs.id(at: index) }
        switch output.format {
        case .json:
            var object = ExplanationPrinter.object(explanation, itemID: itemID)
            object["user"] = user ?? NSNull()
            object["model"] = saved.kind.name
            object["title"] = saved.title(ofItem: explanation.item) ?? NSNull()
            print(ExplanationPrinter.json(object))
        case .table:
            let name = saved.itemName(explanation.item)
            print("Why \(saved.kind.name) gives \(who) \(name) a score of \(fixed(Double(explanation.score), 3)):")
            print(ExplanationPrinter.table(explanation))
        }
    }
}

extension ExplanationAudit {
    /// One line per figure: sums, then times in milliseconds (mean, 99th percentile, worst).
    func summary(model: String) -> String {
        func stats(_ values: [Double]) -> String {
            guard !values.isEmpty else { return "—" }
            let sorted = values.sorted()
            let mean = values.reduce(0, +) / Double(values.count)
            let p99 = sorted[min(sorted.count - 1, Int((Double(sorted.count) * 0.99).rounded(.up)) - 1)]
            return
                "mean \(fixed(mean * 1000, 3)) ms, p99 \(fixed(p99 * 1000, 3)) ms, max \(fixed(sorted.last! * 1000, 3)) ms"
        }
        return [
            "model: \(model)",
            "pairs: \(pairs), sums off by more than \(tolerance) of their scale: \(failures)",
            "worst |Σ terms − score| / scale: \(worstRelativeError)",
            "one explanation: \(stats(singleSeconds))",
            "top 10 with reasons (\(topTenSeconds.count) users): \(stats(topTenSeconds))",
        ].joined(separator: "\n")
    }
}
