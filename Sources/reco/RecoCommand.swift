import ArgumentParser

/// The `reco` command-line tool.
@main
struct RecoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reco",
        abstract: "Train, evaluate and use recommender systems.",
        discussion: """
            Start with `reco tutorial` (the notebook, step by step) or `reco demo` (the main job); `reco models` \
            lists every model and its hyperparameters.

            Example:
              reco stats --data ../shared/data/ml-100k
            """,
        subcommands: [
            StatsCommand.self, TutorialCommand.self, DemoCommand.self, SplitCommand.self, EvaluateCommand.self,
            TuneCommand.self, GenerateCommand.self, TrainCommand.self, InspectCommand.self, RecommendCommand.self,
            SimilarCommand.self, ExplainCommand.self, PredictCommand.self, PlotCommand.self, ReportCommand.self,
            ServeCommand.self,
            ModelsCommand.self, OpenAPICommand.self, ExportSparkCommand.self, ImportSparkCommand.self,
        ]
    )
}
