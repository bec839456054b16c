/// Lines over a numeric x axis (learning curves, the long tail), each axis linear or log₁₀, with a
/// legend when there is more than one series.
struct LineChart {
    /// One line: its name and points (non-finite values are skipped).
    struct Series {
        var name: String
        var points: [(x: Double, y: Double)]
    }

    var title: String
    var xLabel: String
    var yLabel: String
    var series: [Series]
    var xSpacing = ChartScale.Spacing.linear
    var ySpacing = ChartScale.Spacing.linear
    /// Draw a dot at every point (off for long series).
    var markers = true
    /// Name the series in a legend even when there is only one.
    var alwaysNamesSeries = false

    private var hasLegend: Bool { series.count > 1 || (alwaysNamesSeries && !series.isEmpty) }

    func render(width: Double = 720, height: Double = 420) -> String {
        let legendWidth = hasLegend ? 170.0 : 30
        let frame = ChartFrame(left: 80, top: 50, width: width - 80 - legendWidth, height: height - 50 - 60)
        let xs = series.flatMap { $0.points.map(\.x) }
        let ys = series.flatMap { $0.points.map(\.y) }
        let xScale =
            xSpacing == .linear
            ? ChartScale(spacing: .linear, low: xs.min() ?? 0, high: max(xs.max() ?? 1, (xs.min() ?? 0) + 1))
            : .logarithmic(covering: xs)
        let yScale = ySpacing == .linear ? ChartScale.linear(covering: ys) : .logarithmic(covering: ys)
        var canvas = SVGCanvas(width: width, height: height, label: title)
        frame.drawTitleAndYAxis(&canvas, title: title, scale: yScale, label: yLabel)
        frame.drawXAxis(&canvas, scale: xScale, label: xLabel)
        for (index, line) in series.enumerated() {
            let color = ChartFrame.palette[index % ChartFrame.palette.count]
            let drawable = line.points.filter {
                $0.x.isFinite && $0.y.isFinite && (ySpacing == .linear || $0.y > 0)
                    && (xSpacing == .linear || $0.x > 0)
            }
            let pixels = drawable.map { (frame.x($0.x, on: xScale), frame.y($0.y, on: yScale)) }
            canvas.polyline(pixels, stroke: color, className: "series")
            if markers {
                for (point, pixel) in zip(drawable, pixels) {
                    canvas.circle(
                        x: pixel.0, y: pixel.1, radius: 2.5, fill: color,
                        tooltip: "\(line.name): \(fixed(point.x, 0)), \(fixed(point.y, 4))")
                }
            }
        }
        if hasLegend { frame.drawLegend(&canvas, names: series.map(\.name)) }
        return canvas.render()
    }
}
