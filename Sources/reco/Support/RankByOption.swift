public import ArgumentParser
public import Reco

extension RankBy: ExpressibleByArgument {}

/// `--rank-by`: what a rating model's lists are ordered by.
struct RankByOption: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "What a rating model's lists are ordered by: interest (how likely the user picks the item, from the model's ranker, nudged by the predicted stars) or rating (the predicted stars alone).",
            valueName: "order"))
    var rankBy: RankBy = .interest
}
