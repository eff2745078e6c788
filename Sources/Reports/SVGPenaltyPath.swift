import Analysis

/// The penalty path (docs/METHODS.md §4): the cost of the optimal
/// segmentation against its number of stages, one point per segmentation on
/// the path, the chosen one marked, each labelled with its penalty interval.
struct SVGPenaltyPath: Sendable {
    struct Point: Sendable {
        var stages: Int
        var cost: Double
        var penaltyLow: Double
        var penaltyHigh: Double
        var transitions: [Int]
        var chosen: Bool
    }

    var points: [Point]

    static let width = 420.0, height = 220.0
    static let left = 56.0, right = 12.0, top = 14.0, bottom = 36.0

    func svg() -> String {
        let w = Self.width
        let h = Self.height
        let plotLeft = Self.left
        let plotRight = w - Self.right
        let plotTop = Self.top
        let plotBottom = h - Self.bottom
        guard let most = points.map(\.stages).max(), let fewest = points.map(\.stages).min() else { return "" }
        let x = SVGAxis(years: fewest, most, from: plotLeft, to: plotRight, targetTicks: max(1, most - fewest))
        let y = SVGAxis(covering: points.map(\.cost) + [0], from: plotBottom, to: plotTop)
        func fx(_ v: Double) -> String { HTMLText.fixed(v, digits: 1) }
        var m = HTMLText()
        m.open(
            "svg",
            [
                ("xmlns", "http://www.w3.org/2000/svg"), ("viewBox", "0 0 \(fx(w)) \(fx(h))"),
                ("class", "chart penalty-path"), ("role", "img"),
            ])
        m.element("title", text: "Cost of the optimal segmentation against its number of stages")
        SVGPlotFrame(left: plotLeft, right: plotRight, top: plotTop, bottom: plotBottom, height: h)
            .draw(into: &m, x: x, y: y, xTitle: "number of stages", yTitle: "segment cost")
        let ordered = points.sorted { $0.stages < $1.stages }
        let line = ordered.map { fx(x.position(Double($0.stages))) + "," + fx(y.position($0.cost)) }
        m.empty("polyline", [("points", line.joined(separator: " ")), ("fill", "none"), ("stroke", "#555")])
        for point in ordered {
            let px = x.position(Double(point.stages))
            let py = y.position(point.cost)
            m.open("g", [("class", point.chosen ? "path-point chosen" : "path-point")])
            m.element(
                "title",
                text: "\(point.stages) stages (transitions "
                    + (point.transitions.isEmpty ? "none" : point.transitions.map(String.init).joined(separator: ", "))
                    + "), optimal for penalties \(HTMLText.readable(point.penaltyLow))–\(HTMLText.readable(point.penaltyHigh))")
            m.empty(
                "circle",
                [
                    ("cx", fx(px)), ("cy", fx(py)), ("r", point.chosen ? "5" : "3"),
                    ("fill", point.chosen ? "#D55E00" : "#111"),
                ])
            m.close("g")
        }
        m.close("svg")
        return m.text
    }
}
