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

    static let canvas = SVGCanvas(width: 420, height: 220, left: 56, right: 12, top: 14, bottom: 36)

    func svg() -> String {
        let canvas = Self.canvas
        let (plotLeft, plotRight, plotTop, plotBottom) = canvas.plotEdges
        guard let most = points.map(\.stages).max(), let fewest = points.map(\.stages).min() else { return "" }
        let x = SVGAxis(years: fewest, most, from: plotLeft, to: plotRight, targetTicks: max(1, most - fewest))
        let y = SVGAxis(covering: points.map(\.cost) + [0], from: plotBottom, to: plotTop)
        func fx(_ v: Double) -> String { HTMLText.fixed(v, digits: 1) }
        var m = HTMLText()
        canvas.open(&m, cssClass: "chart penalty-path", title: "Cost of the optimal segmentation against its number of stages")
        canvas.frame.draw(into: &m, x: x, y: y, xTitle: "number of stages", yTitle: "segment cost")
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
