/// The frame every SVG chart of the report shares: horizontal grid lines
/// with y tick labels, x tick labels (with tick marks where asked), the plot
/// border and the two axis titles. One drawing, so the charts look alike.
struct SVGPlotFrame: Sendable {
    var left: Double
    var right: Double
    var top: Double
    var bottom: Double
    /// Height of the whole SVG (the x title sits 4 px above its bottom edge).
    var height: Double

    /// The stages as shaded bands over the plot, a year axis `x` with years at the centre of
    /// unit cells (a stage start…end spans [start − ½, end + ½]); odd and even stages
    /// alternate in strength so equal colours stay apart.
    func drawStageBands(
        _ stages: [SVGLineChart.StageBand], into m: inout HTMLText, x: SVGAxis, opacity: (odd: String, even: String)
    ) {
        func fx(_ v: Double) -> String { HTMLText.fixed(v, digits: 1) }
        for band in stages {
            let x0 = x.position(Double(band.start) - 0.5)
            let x1 = x.position(Double(band.end) + 0.5)
            m.empty(
                "rect",
                [
                    ("x", fx(x0)), ("y", fx(top)), ("width", fx(x1 - x0)), ("height", fx(bottom - top)),
                    ("fill", band.colour), ("fill-opacity", band.number % 2 == 1 ? opacity.odd : opacity.even),
                ])
        }
    }

    func draw(into m: inout HTMLText, x: SVGAxis, y: SVGAxis, xTitle: String, yTitle: String, tickMarks: Bool = false) {
        func fx(_ v: Double) -> String { HTMLText.fixed(v, digits: 1) }
        for tick in y.ticks {
            let py = y.position(tick)
            m.empty(
                "line",
                [
                    ("x1", fx(left)), ("x2", fx(right)), ("y1", fx(py)), ("y2", fx(py)),
                    ("stroke", "#000"), ("stroke-opacity", "0.12"),
                ])
            m.element(
                "text",
                [
                    ("x", fx(left - 4)), ("y", fx(py + 3.5)), ("text-anchor", "end"),
                    ("font-size", "10"),
                ], text: y.label(tick))
        }
        for tick in x.ticks {
            let px = x.position(tick)
            if tickMarks {
                m.empty(
                    "line",
                    [
                        ("x1", fx(px)), ("x2", fx(px)), ("y1", fx(bottom)), ("y2", fx(bottom + 4)),
                        ("stroke", "#444"),
                    ])
            }
            m.element(
                "text",
                [
                    ("x", fx(px)), ("y", fx(bottom + 15)), ("text-anchor", "middle"),
                    ("font-size", "10"),
                ], text: x.label(tick))
        }
        m.empty(
            "rect",
            [
                ("x", fx(left)), ("y", fx(top)), ("width", fx(right - left)),
                ("height", fx(bottom - top)), ("fill", "none"), ("stroke", "#444"),
            ])
        m.element(
            "text",
            [
                ("x", fx((left + right) / 2)), ("y", fx(height - 4)), ("text-anchor", "middle"),
                ("font-size", "10"), ("class", "axis-title"),
            ], text: xTitle)
        let middle = fx((top + bottom) / 2)
        m.element(
            "text",
            [
                ("x", "11"), ("y", middle), ("text-anchor", "middle"), ("font-size", "10"),
                ("class", "axis-title"), ("transform", "rotate(-90 11 \(middle))"),
            ], text: yTitle)
    }
}
