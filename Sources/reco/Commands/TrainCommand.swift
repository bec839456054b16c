import ArgumentParser
import Foundation
import Reco

/// `reco train`: train a model and write it to a file.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a model on all the data and save it as a .reco file.",
        discussion: """
            The file holds the model, its hyperparameters, the user and item ids, each user's rated items \
            (left out of recommendations), item titles and a training summary. Progress shows as a bar in a \
            terminal and as one line per epoch otherwise (on stderr); --quiet silences it. `reco models` lists \
            every model and its parameters.

            Examples:
              reco train --data ../shared/data/ml-100k --model biased-mf --out movielens.reco
              reco train --data ../shared/data/ml-100k --model biased-mf --validation-fraction 0.1 --history curve.csv --plot curve.svg --out movielens.reco
            """
    )

    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var modelOptions: ModelOptions
    @OptionGroup var seedOption: SeedOption
    @OptionGroup var progressOptions: ProgressOptions

    @Option(help: ArgumentHelp("Where to write the model.", valueName: "file"))
    var out: String

    @Option(help: "Hold out this fraction of the ratings and report validation RMSE every epoch.")
    var validationFraction: Double?

    @Option(help: ArgumentHelp("Write the per-epoch loss (and validation RMSE) as CSV.", valueName: "file"))
    var history: String?

    @Option(help: ArgumentHelp("Draw the learning curve as an SVG.", valueName: "file"))
    var plot: String?

    func validate() throws {
        try modelOptions.requireModel()
        if let validationFraction, !(validationFraction > 0 && validationFraction < 1) {
            throw ValidationError("--validation-fraction must be between 0 and 1, e.g. 0.1")
        }
    }

    func run() throws {
        let kind = try modelOptions.kind()
        let parameters = try modelOptions.parameters(seed: seedOption.seed)
        let dataset = try dataOptions.load()
        let seed = seedOption.seed
        let train: RatingMatrix
        let validation: RatingMatrix?
        if let validationFraction {
            let split = Splitter.holdout(dataset.ratings, testFraction: validationFraction, seed: seed)
            train = split.train
            validation = split.test
        } else {
            train = dataset.ratings
            validation = nil
        }
        let data = SideFeatures(dataset).trainingData(for: train)
        let reporter = progressOptions.reporter(label: kind.name)
        let log = HistoryLog()
        let start = ContinuousClock.now
        let model = try kind.fit(data, parameters: parameters) { progress in
            var rmse: Double? = nil
            if let validation, let snapshot = progress.model {
                rmse = RatingMetrics.evaluate(snapshot, train: train, test: validation).rmse
            }
            log.append(epoch: progress.step + 1, loss: progress.loss, validationRMSE: rmse)
            reporter.report(progress, validationRMSE: rmse)
        }
        reporter.finish()
        let seconds = secondsElapsed(since: start)
        let titles =
            dataset.itemTitles.isEmpty
            ? []
            : train.itemIDs.ids.map { id in
                dataset.ratings.itemIDs.index(of: id).map { dataset.itemTitles[$0] } ?? ""
            }
        let saved = SavedModel(
            model: model, parameters: parameters, training: train, itemTitles: titles, source: try dataOptions.path())
        try saved.write(to: out)
        let size = (try? FileManager.default.attributesOfItem(atPath: out)[.size] as? Int) ?? 0
        var summary =
            "Trained \(kind.name) on \(train.count) ratings (\(train.userCount) users, \(train.itemCount) items) in \(fixed(seconds, 2)) s"
        if let validation {
            summary +=
                "; validation RMSE \(fixed(RatingMetrics.evaluate(model, train: train, test: validation).rmse, 4)) on \(validation.count) held-out ratings"
        }
        print(summary)
        print("Wrote \(out) (\(fixed(Double(size) / 1_048_576, 2)) MiB)")
        if let history {
            try AtomicFile.write(log.csv, to: history)
            print("Wrote the learning curve to \(history)")
        }
        if let plot {
            let series = try LearningCurve.series(fromCSV: log.csv, file: history ?? "history")
            try AtomicFile.write(
                LearningCurve(title: "\(kind.name) on \(try dataOptions.path())", series: series).render(), to: plot
            )
            print("Drew the learning curve in \(plot)")
        }
    }
}

/// Per-epoch rows collected from the training observer.
final class HistoryLog: Sendable {
    private let rows = Locked<[(epoch: Int, loss: Double, validation: Double?)]>([])

    func append(epoch: Int, loss: Double, validationRMSE: Double?) {
        rows.withLock { $0.append((epoch, loss, validationRMSE)) }
    }

    var csv: String {
        rows.withLock { rows in
            let hasValidation = rows.contains { $0.validation != nil }
            var lines = [hasValidation ? "epoch,loss,validation_rmse" : "epoch,loss"]
            for row in rows {
                lines.append(
                    "\(row.epoch),\(row.loss)" + (hasValidation ? ",\(row.validation.map { "\($0)" } ?? "")" : ""))
            }
            return lines.joined(separator: "\n") + "\n"
        }
    }
}
