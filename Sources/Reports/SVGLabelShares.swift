/// Stacked bars of the stage label shares by year: for every year, the share
/// of bootstrap replicates putting it in a stage with each label
/// (stage_labels_by_year.csv), labels stacked in name order and coloured like
/// their layer. A mark under each bar shows the baseline label.
struct SVGLabelShares: Sendable {
    var years: [Int]
    /// Per year: label → share of replicates (0–1).
    var shares: [[String: Double]]
    var baselineLabels: [String]
    var palette: ReportPalette

    static let canvas = SVGCanvas(width: 1100, height: 200, left: 150, right: 16, top: 8, bottom: 46)

    var labels: [String] { Array(Set(shares.flatMap(\.keys) + baselineLabels)).sorted() }

    func svg() -> String {
        let canvas = Self.canvas
        let (plotLeft, plotRight, plotTop, plotBottom) = canvas.plotEdges
        guard let first = years.first, let last = years.last else { return "" }
        let x = SVGAxis(years: first, last, from: plotLeft, to: plotRight, targetTicks: 16)
        let y = SVGAxis(covering: [0, 1], from: plotBottom, to: plotTop, targetTicks: 4)
        func fx(_ v: Double) -> String { HTMLText.fixed(v, digits: 1) }
        let order = labels
        var m = HTMLText()
        canvas.open(&m, cssClass: "label-shares", title: "Share of bootstrap replicates giving each stage label, by year")
        for tick in y.ticks {
            let py = y.position(tick)
            m.empty(
                "line",
                [
                    ("x1", fx(plotLeft)), ("x2", fx(plotRight)), ("y1", fx(py)), ("y2", fx(py)),
                    ("stroke", "#000"), ("stroke-opacity", "0.12"),
                ])
            m.element(
                "text", [("x", fx(plotLeft - 4)), ("y", fx(py + 3.5)), ("text-anchor", "end"), ("font-size", "10")],
                text: y.label(tick))
        }
        m.element(
            "text",
            [
                ("x", fx(plotLeft - 34)), ("y", fx((plotTop + plotBottom) / 2)), ("text-anchor", "middle"),
                ("font-size", "10"), ("class", "axis-title"),
                ("transform", "rotate(-90 \(fx(plotLeft - 34)) \(fx((plotTop + plotBottom) / 2)))"),
            ],
            text: "share of replicates")
        for (t, year) in years.enumerated() {
            let x0 = x.position(Double(year) - 0.5) + 0.5
            let x1 = x.position(Double(year) + 0.5) - 0.5
            var cumulative = 0.0
            m.open("g", [("class", "year")])
            let parts = order.compactMap { label -> String? in
                guard let share = shares[t][label], share > 0 else { return nil }
                return "\(label) \(HTMLText.fixed(share, digits: 3))"
            }
            m.element("title", text: "\(year): " + (parts.isEmpty ? "no replicates" : parts.joined(separator: ", ")))
            for label in order {
                guard let share = shares[t][label], share > 0 else { continue }
                let yTop = y.position(cumulative + share)
                let yBottom = y.position(cumulative)
                m.empty(
                    "rect",
                    [
                        ("x", fx(x0)), ("y", fx(yTop)), ("width", fx(x1 - x0)), ("height", fx(yBottom - yTop)),
                        ("fill", palette.label(label)),
                    ])
                cumulative += share
            }
            if t < baselineLabels.count {
                m.empty(
                    "rect",
                    [
                        ("x", fx(x0)), ("y", fx(plotBottom + 3)), ("width", fx(x1 - x0)), ("height", "5"),
                        ("fill", palette.label(baselineLabels[t])),
                    ])
            }
            m.close("g")
        }
        m.element("text", [("x", "0"), ("y", fx(plotBottom + 9)), ("font-size", "10")], text: "baseline label")
        for tick in x.ticks {
            let px = x.position(tick)
            m.element(
                "text", [("x", fx(px)), ("y", fx(plotBottom + 22)), ("text-anchor", "middle"), ("font-size", "10")],
                text: x.label(tick))
        }
        m.element(
            "text",
            [
                ("x", fx(plotRight)), ("y", fx(plotBottom + 36)), ("text-anchor", "end"), ("font-size", "10"),
                ("class", "axis-title"),
            ], text: "year")
        m.close("svg")
        return m.text
    }
}
