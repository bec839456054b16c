public import ArgumentParser
import Foundation
public import Reco

extension SyntheticRatings.Popularity: ExpressibleByArgument {}
extension SyntheticRatings.Scale: ExpressibleByArgument {}

/// `reco generate`: synthetic ratings with planted structure, at any scale.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write synthetic ratings with a planted low-rank structure and Zipf-like activity.",
        discussion: """
            r = clip(3 + 1.5·x_u·y_i + ε, 1, 5) with rank-K factors and ε ~ N(0, noise²), one decimal; users' \
            activity and items' popularity follow Zipf-like laws. Output: user<TAB>item<TAB>rating lines.

            --popularity long-tail draws items by Zipf's law (∝ 1/(rank + 1)^1.1) instead of the gentler \
            1/(rank + 10)^0.8: a steep head and many items rated once or twice. --scale half-stars rounds \
            ratings to halves from 0.5 to 5 (MovieLens' later releases), --scale stars to whole stars.

            Examples:
              reco generate --users 70000 --items 10000 --ratings 10000000 --rank 10 --noise 0.5 --seed 42 --out synthetic-10m.tsv
              reco generate --users 2000 --items 8000 --ratings 100000 --popularity long-tail --scale half-stars --out long-tail.tsv
            """
    )

    @Option(help: "Number of users.") var users: Int
    @Option(help: "Number of items.") var items: Int
    @Option(help: "Number of ratings (distinct user–item pairs).") var ratings: Int
    @Option(help: "K, the planted rank.") var rank: Int = 10
    @Option(help: "Standard deviation of the noise.") var noise: Double = 0.5
    @Option(help: "How item popularity falls off: moderate or long-tail.")
    var popularity: SyntheticRatings.Popularity = .moderate
    @Option(help: "The ratings' values: tenths (1 to 5), half-stars (0.5 to 5) or stars (1 to 5).")
    var scale: SyntheticRatings.Scale = .tenths
    @OptionGroup var seedOption: SeedOption
    @Option(help: ArgumentHelp("The file to write.", valueName: "file")) var out: String

    func run() throws {
        let start = ContinuousClock.now
        let spec = SyntheticRatings(
            users: users, items: items, ratings: ratings, rank: rank, noise: noise, seed: seedOption.seed,
            popularity: popularity, scale: scale)
        let matrix = try spec.generate()
        try AtomicFile.write(SyntheticRatings.lines(matrix), to: out)
        print(
            "Wrote \(matrix.count) ratings (\(matrix.userCount) users × \(matrix.itemCount) items, rank \(rank), noise \(noise)) to \(out) in \(fixed(secondsElapsed(since: start), 1)) s"
        )
    }
}
