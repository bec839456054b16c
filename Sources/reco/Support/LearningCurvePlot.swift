import Foundation

/// Draws learning curves (one line per series over epochs) as a standalone SVG with axes, ticks,
/// labels and a legend.
struct LearningCurvePlot {
    var title: String
    var xLabel = "epoch"
    var yLabel = "value"
    /// Series name and its (x, y) points.
    var series: [(name: String, points: [(Double, Double)])]

    static let colors = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e"]

    /// "Nice" tick values covering low...high (1, 2 or 5 × 10ⁿ steps).
    static func ticks(_ low: Double, _ high: Double, count: Int = 6) -> [Double] {
        guard high > low else { return [low] }
        let raw = (high - low) / Double(count)
        var magnitude = 1.0
        while magnitude * 10 <= raw { magnitude *= 10 }
        while magnitude > raw { magnitude /= 10 }
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? magnitude * 10
        var value = (low / step).rounded(.down) * step
        var result: [Double] = []
        while value <= high + step * 1e-9 {
            if value >= low - step * 1e-9 { result.append(value) }
            value += step
        }
        return result
    }

    /// A tick label with as many decimals as the tick step needs (0.2 → one decimal).
    static func label(_ value: Double, step: Double) -> String {
        var decimals = 0
        var scaled = step
        while scaled < 0.999_999 && decimals < 6 {
            scaled *= 10
            decimals += 1
        }
        return fixed(value, decimals)
    }

    static func step(_ ticks: [Double]) -> Double { ticks.count > 1 ? ticks[1] - ticks[0] : 1 }

    func render(width: Double = 720, height: Double = 440) -> String {
        let left = 80.0, right = 170.0, top = 50.0, bottom = 60.0
        let plotWidth = width - left - right
        let plotHeight = height - top - bottom
        let xs = series.flatMap { $0.points.map(\.0) }
        let ys = series.flatMap { $0.points.map(\.1) }.filter(\.isFinite)
        let xLow = xs.min() ?? 0, xHigh = max(xs.max() ?? 1, (xs.min() ?? 0) + 1)
        var yLow = ys.min() ?? 0, yHigh = ys.max() ?? 1
        if yHigh - yLow < 1e-12 { yLow -= 0.5; yHigh += 0.5 }
        let padding = (yHigh - yLow) * 0.05
        yLow -= padding
        yHigh += padding
        func px(_ x: Double) -> Double { left + (x - xLow) / (xHigh - xLow) * plotWidth }
        func py(_ y: Double) -> Double { top + (1 - (y - yLow) / (yHigh - yLow)) * plotHeight }
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" viewBox="0 0 \(Int(width)) \(Int(height))" font-family="sans-serif" font-size="12">
            <rect width="100%" height="100%" fill="white"/>
            <text x="\(fixed(left + plotWidth / 2, 1))" y="28" text-anchor="middle" font-size="15">\(escape(title))</text>

            """
        let yTicks = Self.ticks(yLow, yHigh)
        let xTicks = Self.ticks(xLow, xHigh)
        for tick in yTicks {
            let y = fixed(py(tick), 1)
            svg +=
                "<line x1=\"\(fixed(left, 1))\" y1=\"\(y)\" x2=\"\(fixed(left + plotWidth, 1))\" y2=\"\(y)\" stroke=\"#e5e5e5\"/>\n"
            svg +=
                "<line x1=\"\(fixed(left - 5, 1))\" y1=\"\(y)\" x2=\"\(fixed(left, 1))\" y2=\"\(y)\" stroke=\"black\"/>\n"
            svg +=
                "<text x=\"\(fixed(left - 8, 1))\" y=\"\(y)\" text-anchor=\"end\" dominant-baseline=\"middle\">\(Self.label(tick, step: Self.step(yTicks)))</text>\n"
        }
        for tick in xTicks {
            let x = fixed(px(tick), 1)
            svg +=
                "<line x1=\"\(x)\" y1=\"\(fixed(top + plotHeight, 1))\" x2=\"\(x)\" y2=\"\(fixed(top + plotHeight + 5, 1))\" stroke=\"black\"/>\n"
            svg +=
                "<text x=\"\(x)\" y=\"\(fixed(top + plotHeight + 20, 1))\" text-anchor=\"middle\">\(Self.label(tick, step: Self.step(xTicks)))</text>\n"
        }
        svg +=
            "<rect x=\"\(fixed(left, 1))\" y=\"\(fixed(top, 1))\" width=\"\(fixed(plotWidth, 1))\" height=\"\(fixed(plotHeight, 1))\" fill=\"none\" stroke=\"black\"/>\n"
        svg +=
            "<text x=\"\(fixed(left + plotWidth / 2, 1))\" y=\"\(fixed(height - 15, 1))\" text-anchor=\"middle\">\(escape(xLabel))</text>\n"
        svg +=
            "<text x=\"20\" y=\"\(fixed(top + plotHeight / 2, 1))\" text-anchor=\"middle\" transform=\"rotate(-90 20 \(fixed(top + plotHeight / 2, 1)))\">\(escape(yLabel))</text>\n"
        for (index, line) in series.enumerated() {
            let color = Self.colors[index % Self.colors.count]
            let points = line.points.filter { $0.1.isFinite }.map { "\(fixed(px($0.0), 1)),\(fixed(py($0.1), 1))" }
                .joined(separator: " ")
            svg += "<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\" points=\"\(points)\"/>\n"
            for point in line.points where point.1.isFinite {
                svg +=
                    "<circle cx=\"\(fixed(px(point.0), 1))\" cy=\"\(fixed(py(point.1), 1))\" r=\"2.5\" fill=\"\(color)\"/>\n"
            }
            let legendY = top + 10 + Double(index) * 20
            svg +=
                "<line x1=\"\(fixed(left + plotWidth + 15, 1))\" y1=\"\(fixed(legendY, 1))\" x2=\"\(fixed(left + plotWidth + 40, 1))\" y2=\"\(fixed(legendY, 1))\" stroke=\"\(color)\" stroke-width=\"2\"/>\n"
            svg +=
                "<text x=\"\(fixed(left + plotWidth + 46, 1))\" y=\"\(fixed(legendY, 1))\" dominant-baseline=\"middle\">\(escape(line.name))</text>\n"
        }
        svg += "</svg>\n"
        return svg
    }

    private func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }

    /// Reads a history CSV (`epoch,loss[,validation_rmse]` with a header) into series.
    static func series(fromCSV text: String, file: String) throws -> [(name: String, points: [(Double, Double)])] {
        let lines = text.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.isEmpty }
        guard let header = lines.first?.split(separator: ",").map(String.init), header.count >= 2 else {
            throw PlotError(message: "\(file): expected a header line like 'epoch,loss'")
        }
        var columns = [[(Double, Double)]](repeating: [], count: header.count - 1)
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
        return zip(header.dropFirst(), columns).filter { !$0.1.isEmpty }.map { ($0.0, $0.1) }
    }
}

/// A plot input that cannot be drawn.
struct PlotError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
