/// The normalized intensity of every layer by year (one line per layer,
/// 0–1, in the layer's palette colour), drawn under the stage timeline so
/// that a reader sees which mode emerges in which stage.
struct SVGLayerIntensities: Sendable {
    struct Line: Sendable {
        var layer: String
        /// Unit of the layer (shown in the line's title).
        var unit: String
        var colour: String
        var values: [Double]
    }

    var years: [Int]
    var lines: [Line]
    var stages: [SVGLineChart.StageBand]

    static let canvas = SVGCanvas(width: 820, height: 190, left: 50, right: 210, top: 12, bottom: 34)

    func svg() -> String {
        let canvas = Self.canvas
        let (plotLeft, plotRight, plotTop, plotBottom) = canvas.plotEdges
        guard let first = years.first, let last = years.last else { return "" }
        let x = SVGAxis(years: first, last, from: plotLeft, to: plotRight, targetTicks: 10)
        let y = SVGAxis(covering: [0, 1], from: plotBottom, to: plotTop, targetTicks: 4)
        func fx(_ v: Double) -> String { HTMLText.fixed(v, digits: 1) }
        var m = HTMLText()
        canvas.open(
            &m, cssClass: "chart layer-intensities",
            title: "Normalized intensity of each layer by year (its intensity over its largest year)")
        let frame = canvas.frame
        frame.drawStageBands(stages, into: &m, x: x, opacity: ("0.10", "0.20"))
        frame.draw(into: &m, x: x, y: y, xTitle: "year", yTitle: "of its largest year (0–1)")
        for (k, line) in lines.enumerated() {
            let points = zip(years, line.values).map { fx(x.position(Double($0))) + "," + fx(y.position($1)) }
            m.open("g", [("class", "layer-line"), ("data-layer", line.layer)])
            m.element("title", text: "\(line.layer) (\(line.unit))")
            m.empty(
                "polyline",
                [
                    ("points", points.joined(separator: " ")), ("fill", "none"), ("stroke", line.colour),
                    ("stroke-width", "2"),
                ])
            m.close("g")
            let ly = plotTop + 8 + 16 * Double(k)
            m.empty(
                "line",
                [
                    ("x1", fx(plotRight + 10)), ("x2", fx(plotRight + 28)), ("y1", fx(ly)), ("y2", fx(ly)),
                    ("stroke", line.colour), ("stroke-width", "2"),
                ])
            m.element(
                "text", [("x", fx(plotRight + 32)), ("y", fx(ly + 3.5)), ("font-size", "10")],
                text: "\(line.layer) (\(line.unit))")
        }
        m.close("svg")
        return m.text
    }
}
