/// The plotting area of a chart inside its canvas, and the parts every chart draws the same way:
/// title, grid, ticks, axis labels and legend.
struct ChartFrame {
    let left: Double
    let top: Double
    let width: Double
    let height: Double

    /// Colours of successive series or models.
    static let palette = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf"]

    var bottom: Double { top + height }
    var right: Double { left + width }

    /// The pixel row of `value` on `scale` (larger values higher).
    func y(_ value: Double, on scale: ChartScale) -> Double { top + (1 - scale.fraction(value)) * height }

    /// The pixel column of `value` on `scale`.
    func x(_ value: Double, on scale: ChartScale) -> Double { left + scale.fraction(value) * width }

    /// Title above the plot and the y axis (grid lines, ticks, labels, its name).
    func drawTitleAndYAxis(_ canvas: inout SVGCanvas, title: String, scale: ChartScale, label: String) {
        canvas.text(title, x: left + width / 2, y: top - 22, anchor: .middle, size: 15, className: "chart-title")
        let ticks = scale.ticks()
        for tick in ticks {
            let row = y(tick, on: scale)
            canvas.line(left, row, right, row, stroke: "#e5e5e5", className: "grid")
            canvas.line(left - 5, row, left, row, className: "tick")
            canvas.text(
                scale.label(tick, among: ticks), x: left - 8, y: row, anchor: .end, middleBaseline: true,
                className: "tick-label")
        }
        canvas.line(left, top, left, bottom, className: "axis")
        let middle = top + height / 2
        canvas.text(label, x: left - 58, y: middle, anchor: .middle, rotation: -90, className: "axis-label")
    }

    /// The x axis of a numeric scale: ticks, labels, its name.
    func drawXAxis(_ canvas: inout SVGCanvas, scale: ChartScale, label: String) {
        let ticks = scale.ticks()
        for tick in ticks {
            let column = x(tick, on: scale)
            canvas.line(column, bottom, column, bottom + 5, className: "tick")
            canvas.text(
                scale.label(tick, among: ticks), x: column, y: bottom + 19, anchor: .middle, className: "tick-label")
        }
        drawXAxisLine(&canvas, label: label)
    }

    /// The x axis' line and name (for category axes, whose labels the chart draws).
    func drawXAxisLine(_ canvas: inout SVGCanvas, label: String, labelOffset: Double = 42) {
        canvas.line(left, bottom, right, bottom, className: "axis")
        canvas.text(label, x: left + width / 2, y: bottom + labelOffset, anchor: .middle, className: "axis-label")
    }

    /// A legend right of the plot: a coloured swatch and a name per entry.
    func drawLegend(_ canvas: inout SVGCanvas, names: [String]) {
        for (index, name) in names.enumerated() {
            let row = top + 10 + Double(index) * 20
            let color = Self.palette[index % Self.palette.count]
            canvas.line(right + 15, row, right + 40, row, stroke: color, width: 2, className: "legend-swatch")
            canvas.text(name, x: right + 46, y: row, middleBaseline: true, className: "legend")
        }
    }
}
