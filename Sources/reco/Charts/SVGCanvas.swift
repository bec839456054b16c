/// An SVG drawing built element by element: every text and attribute value is escaped, every
/// coordinate written with one decimal.
struct SVGCanvas {
    /// Width and height in pixels.
    let width: Double
    let height: Double
    /// What the chart shows, for screen readers (`<title>`) and the `aria-label`.
    var label: String
    private var elements: [String] = []

    init(width: Double, height: Double, label: String) {
        self.width = width
        self.height = height
        self.label = label
    }

    /// How a text is anchored horizontally.
    enum Anchor: String {
        case start, middle, end
    }

    mutating func line(
        _ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String = "black", width: Double = 1,
        className: String? = nil
    ) {
        elements.append(
            "<line\(Self.classAttribute(className)) x1=\"\(fixed(x1, 1))\" y1=\"\(fixed(y1, 1))\" x2=\"\(fixed(x2, 1))\" y2=\"\(fixed(y2, 1))\" stroke=\"\(stroke)\"\(width == 1 ? "" : " stroke-width=\"\(fixed(width, 1))\"")/>"
        )
    }

    mutating func rect(
        x: Double, y: Double, width: Double, height: Double, fill: String, stroke: String? = nil,
        tooltip: String? = nil, className: String? = nil
    ) {
        let strokeAttribute = stroke.map { " stroke=\"\($0)\"" } ?? ""
        let open =
            "<rect\(Self.classAttribute(className)) x=\"\(fixed(x, 1))\" y=\"\(fixed(y, 1))\" width=\"\(fixed(max(width, 0), 1))\" height=\"\(fixed(max(height, 0), 1))\" fill=\"\(fill)\"\(strokeAttribute)"
        elements.append(tooltip.map { open + "><title>\(Markup.escape($0))</title></rect>" } ?? open + "/>")
    }

    mutating func circle(x: Double, y: Double, radius: Double, fill: String, tooltip: String? = nil) {
        let open = "<circle cx=\"\(fixed(x, 1))\" cy=\"\(fixed(y, 1))\" r=\"\(fixed(radius, 1))\" fill=\"\(fill)\""
        elements.append(tooltip.map { open + "><title>\(Markup.escape($0))</title></circle>" } ?? open + "/>")
    }

    mutating func polyline(_ points: [(Double, Double)], stroke: String, width: Double = 2, className: String? = nil) {
        guard !points.isEmpty else { return }
        let list = points.map { "\(fixed($0.0, 1)),\(fixed($0.1, 1))" }.joined(separator: " ")
        elements.append(
            "<polyline\(Self.classAttribute(className)) fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(fixed(width, 1))\" points=\"\(list)\"/>"
        )
    }

    /// A text; `rotation` in degrees about its anchor point.
    mutating func text(
        _ content: String, x: Double, y: Double, anchor: Anchor = .start, size: Double? = nil,
        rotation: Double? = nil, middleBaseline: Bool = false, className: String? = nil
    ) {
        var attributes = " x=\"\(fixed(x, 1))\" y=\"\(fixed(y, 1))\""
        if anchor != .start { attributes += " text-anchor=\"\(anchor.rawValue)\"" }
        if let size { attributes += " font-size=\"\(fixed(size, 0))\"" }
        if middleBaseline { attributes += " dominant-baseline=\"middle\"" }
        if let rotation { attributes += " transform=\"rotate(\(fixed(rotation, 0)) \(fixed(x, 1)) \(fixed(y, 1)))\"" }
        elements.append("<text\(Self.classAttribute(className))\(attributes)>\(Markup.escape(content))</text>")
    }

    /// The drawing as one `<svg>` element (with its namespace, so it also stands alone as a file).
    func render() -> String {
        let w = Int(width.rounded())
        let h = Int(height.rounded())
        var svg =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(w)\" height=\"\(h)\" viewBox=\"0 0 \(w) \(h)\" role=\"img\" aria-label=\"\(Markup.escape(label))\" font-family=\"sans-serif\" font-size=\"12\">\n"
        svg += "<title>\(Markup.escape(label))</title>\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
        for element in elements { svg += element + "\n" }
        return svg + "</svg>\n"
    }

    private static func classAttribute(_ name: String?) -> String { name.map { " class=\"\($0)\"" } ?? "" }
}
