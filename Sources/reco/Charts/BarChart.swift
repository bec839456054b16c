/// One value per category: bars from zero (counts), or — for metrics whose differences are small
/// beside their size — a dot for the mean with a whisker of ± one standard deviation and the
/// individual folds as small dots, on an axis that covers the data.
struct BarChart {
    /// One category.
    struct Bar {
        var label: String
        var value: Double
        /// The standard deviation drawn as a whisker, if any.
        var spread: Double? = nil
        /// Individual observations (folds) drawn beside the mean.
        var observations: [Double] = []
    }

    /// How a value is drawn.
    enum Style {
        /// A bar from zero.
        case bars
        /// A dot with its spread, on an axis that need not reach zero.
        case dots
    }

    var title: String
    var xLabel: String
    var yLabel: String
    var bars: [Bar]
    var style = Style.bars
    /// Digits in each value's tooltip and label.
    var decimals = 4

    func render(width: Double = 720, height: Double = 400) -> String {
        let rotate = bars.count > 6 || bars.contains { $0.label.count > 10 }
        let bottomRoom = rotate ? 110.0 : 60
        let frame = ChartFrame(left: 80, top: 50, width: width - 80 - 30, height: height - 50 - bottomRoom)
        let extents = bars.flatMap { bar in
            [bar.value, bar.value - (bar.spread ?? 0), bar.value + (bar.spread ?? 0)] + bar.observations
        }
        let scale = ChartScale.linear(covering: extents, fromZero: style == .bars)
        var canvas = SVGCanvas(width: width, height: height, label: title)
        frame.drawTitleAndYAxis(&canvas, title: title, scale: scale, label: yLabel)
        let slot = frame.width / Double(max(bars.count, 1))
        for (index, bar) in bars.enumerated() {
            let color = style == .dots ? ChartFrame.palette[index % ChartFrame.palette.count] : ChartFrame.palette[0]
            let center = frame.left + slot * (Double(index) + 0.5)
            let tooltip =
                "\(bar.label): \(fixed(bar.value, decimals))" + (bar.spread.map { " ± \(fixed($0, decimals))" } ?? "")
            if bar.value.isFinite {
                let row = frame.y(bar.value, on: scale)
                switch style {
                case .bars:
                    let barWidth = min(slot * 0.7, 60)
                    canvas.rect(
                        x: center - barWidth / 2, y: row, width: barWidth, height: frame.bottom - row, fill: color,
                        tooltip: tooltip, className: "bar")
                case .dots:
                    if let spread = bar.spread, spread.isFinite {
                        let upper = frame.y(bar.value + spread, on: scale)
                        let lower = frame.y(bar.value - spread, on: scale)
                        canvas.line(center, upper, center, lower, stroke: color, width: 2, className: "whisker")
                        canvas.line(center - 8, upper, center + 8, upper, stroke: color, width: 2)
                        canvas.line(center - 8, lower, center + 8, lower, stroke: color, width: 2)
                    }
                    for observation in bar.observations where observation.isFinite {
                        canvas.circle(
                            x: center + 14, y: frame.y(observation, on: scale), radius: 2, fill: "#888",
                            tooltip: fixed(observation, decimals))
                    }
                    canvas.circle(x: center, y: row, radius: 5, fill: color, tooltip: tooltip)
                    canvas.text(
                        fixed(bar.value, decimals), x: center - 12, y: row, anchor: .end, size: 10,
                        middleBaseline: true, className: "value-label")
                }
            }
            if rotate {
                canvas.text(
                    bar.label, x: center, y: frame.bottom + 14, anchor: .end, rotation: -40, className: "tick-label")
            } else {
                canvas.text(bar.label, x: center, y: frame.bottom + 19, anchor: .middle, className: "tick-label")
            }
        }
        frame.drawXAxisLine(&canvas, label: xLabel, labelOffset: bottomRoom - 12)
        return canvas.render()
    }
}
