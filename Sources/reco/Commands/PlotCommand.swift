import ArgumentParser
import Foundation
import Reco

/// `reco plot`: a learning curve as SVG.
struct PlotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plot",
        abstract: "Draw a learning curve (a CSV from `reco train --history`) as a standalone SVG.",
        discussion: """
            Example:
              reco plot curve.csv --out curve.svg
            """
    )

    @Argument(help: ArgumentHelp("epoch,loss[,validation_rmse] CSV with a header.", valueName: "file"))
    var history: String

    @Option(help: ArgumentHelp("The SVG to write.", valueName: "file"))
    var out: String

    @Option(help: "The plot's title.")
    var title: String?

    func run() throws {
        guard let data = FileManager.default.contents(atPath: history) else {
            throw CommandError("\(history): cannot read the file")
        }
        let series = try LearningCurve.series(fromCSV: String(decoding: data, as: UTF8.self), file: history)
        try AtomicFile.write(
            LearningCurve(title: title ?? "Learning curve (\(history))", series: series).render(), to: out)
        print("Wrote \(out)")
    }
}
