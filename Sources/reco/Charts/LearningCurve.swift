/// A learning curve: the per-epoch columns of a `reco train --history` CSV as lines over epochs.
struct LearningCurve {
    var title: String
    /// One line per column after `epoch` (loss, validation RMSE).
    var series: [LineChart.Series]

    /// The curve as a standalone SVG.
    func render(width: Double = 720, height: Double = 440) -> String {
        LineChart(title: title, xLabel: "epoch", yLabel: "value", series: series).render(width: width, height: height)
    }

    /// Reads a history CSV (`epoch,loss[,validation_rmse]` with a header) into series.
    ///
    /// - Throws: `PlotError` naming the file and line of a row that is not numbers.
    static func series(fromCSV text: String, file: String) throws -> [LineChart.Series] {
        let lines = text.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.isEmpty }
        guard let header = lines.first?.split(separator: ",").map(String.init), header.count >= 2 else {
            throw PlotError(message: "\(file): expected a header line like 'epoch,loss'")
        }
        var columns = [[(x: Double, y: Double)]](repeating: [], count: header.count - 1)
        for (number, line) in lines.dropFirst().enumerated() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard cells.count == header.count, let x = Double(cells[0]) else {
                throw PlotError(message: "\(file):\(number + 2): expected \(header.count) numbers, got '\(line)'")
            }
            for column in 1..<header.count {
                if cells[column].isEmpty { continue }
                guard let y = Double(cells[column]) else {
                    throw PlotError(message: "\(file):\(number + 2): '\(cells[column])' is not a number")
                }
                columns[column - 1].append((x, y))
            }
        }
        guard columns.contains(where: { !$0.isEmpty }) else { throw PlotError(message: "\(file): no data rows") }
        return zip(header.dropFirst(), columns).filter { !$0.1.isEmpty }.map {
            LineChart.Series(name: $0.0, points: $0.1)
        }
    }
}
