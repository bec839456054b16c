import ArgumentParser
import Reco

/// `reco similar`: items most like an item.
struct SimilarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "similar",
        abstract:
            "List the items most similar to an item (cosine of item vectors, or item-item weights), or similar users.",
        discussion: """
            The item can be given by id or by title.

            Example:
              reco similar --model movielens.reco --item "Star Wars (1977)" --count 5
              reco similar --model movielens.reco --user 196 --count 5
            """
    )

    @OptionGroup var modelFile: ModelFileOption

    @Option(help: "The item's id or title.")
    var item: String?

    @Option(help: "A user's id: list the most similar users instead (models with user vectors).")
    var user: String?

    @Option(help: "How many items.")
    var count: Int = 10

    @Option(help: "Leave out items with fewer training ratings than this: their vectors are mostly their random start.")
    var minRatings: Int = 10

    @OptionGroup var output: OutputOptions<TableFormat>

    func validate() throws {
        guard (1...100_000).contains(count) else { throw ValidationError("--count must be between 1 and 100000") }
        guard (item == nil) != (user == nil) else {
            throw ValidationError("give --item ID (similar items) or --user ID (similar users)")
        }
    }

    func run() throws {
        let saved = try modelFile.load()
        if let user {
            let entries = try saved.similarUsers(to: user, count: count).map {
                SavedModel.Entry(id: $0.id, title: nil, score: $0.score)
            }
            print(
                EntryPrinter.render(
                    entries, format: output.format, scoreName: "cosine", header: ["similar to user": user]))
            return
        }
        let item = item!
        let entries = try saved.similarItems(to: item, count: count, minimumRatings: minRatings)
        let index = try saved.itemIndex(item)
        let name =
            saved.title(ofItem: index).map { "\($0) (\(saved.training.itemIDs.id(at: index)))" }
            ?? saved.training.itemIDs.id(at: index)
        print(
            EntryPrinter.render(entries, format: output.format, scoreName: "similarity", header: ["similar to": name]))
    }
}
