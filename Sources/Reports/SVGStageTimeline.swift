/// The timeline of the stages: one coloured band per stage (coloured by its
/// dominant layer) with its number and label, the 95% bootstrap interval of
/// every transition as a whisker below, and a strip marking the years whose
/// links include estimated values. Same year geometry as `SVGLineChart`.
struct SVGStageTimeline: Sendable {
    struct Band: Sendable {
        var number: Int
        var start: Int
        var end: Int
        var label: String
        var name: String
        var colour: String
    }

    var firstYear: Int
    var lastYear: Int
    var bands: [Band]
    var transitions: [SVGLineChart.Transition]
    /// Years with at least one estimated link value.
    var estimatedYears: Set<Int>

    static let width = 1100.0
    static let left = 150.0, right = 16.0

    func svg() -> String {
        let w = Self.width
        let plotLeft = Self.left
        let plotRight = w - Self.right
        let bandTop = 8.0
        let bandHeight = 44.0
        let whiskerTop = bandTop + bandHeight + 12
        let whiskerRow = 18.0
        let axisY = whiskerTop + whiskerRow * Double(max(1, transitions.count)) + 4
        let stripY = axisY + 30
        let h = stripY + 22
        let x = SVGAxis(years: firstYear, lastYear, from: plotLeft, to: plotRight, targetTicks: 16)
        func fx(_ v: Double) -> String { HTMLText.fixed(v, digits: 1) }

        var m = HTMLText()
        let canvas = SVGCanvas(width: w, height: h, left: plotLeft, right: Self.right, top: bandTop, bottom: 0)
        canvas.open(
            &m, cssClass: "timeline", title: "Timeline of the stages with the 95% interval of each transition year")
        m.element(
            "text",
            [
                ("x", "0"), ("y", fx(bandTop + bandHeight / 2 + 4)), ("font-size", "12"),
                ("font-weight", "bold"),
            ], text: "stages")
        for band in bands {
            let x0 = x.position(Double(band.start) - 0.5)
            let x1 = x.position(Double(band.end) + 0.5)
            m.open("g", [("class", "stage-band")])
            m.element("title", text: band.name)
            m.empty(
                "rect",
                [
                    ("x", fx(x0)), ("y", fx(bandTop)), ("width", fx(x1 - x0)), ("height", fx(bandHeight)),
                    ("fill", band.colour), ("fill-opacity", band.number % 2 == 1 ? "0.55" : "0.8"),
                    ("stroke", "#fff"), ("stroke-width", "2"),
                ])
            // Text only where it fits (about 6.6 px per character at 12 px).
            let room = x1 - x0 - 8
            let years = "\(band.start)–\(band.end)"
            let heading = "\(band.number) · \(band.label)"
            let cx = (x0 + x1) / 2
            if Double(heading.count) * 6.6 <= room {
                m.element(
                    "text",
                    [
                        ("x", fx(cx)), ("y", fx(bandTop + 19)), ("text-anchor", "middle"),
                        ("font-size", "12"), ("font-weight", "bold"),
                    ], text: heading)
            } else {
                m.element(
                    "text",
                    [
                        ("x", fx(cx)), ("y", fx(bandTop + 19)), ("text-anchor", "middle"),
                        ("font-size", "12"), ("font-weight", "bold"),
                    ], text: String(band.number))
            }
            if Double(years.count) * 6.6 <= room {
                m.element(
                    "text",
                    [
                        ("x", fx(cx)), ("y", fx(bandTop + 36)), ("text-anchor", "middle"),
                        ("font-size", "12"),
                    ], text: years)
            }
            m.close("g")
        }
        // Whiskers: one row per transition.
        m.element(
            "text", [("x", "0"), ("y", fx(whiskerTop + 12)), ("font-size", "12")],
            text: "transition, 95% interval")
        for (j, transition) in transitions.enumerated() {
            let rowY = whiskerTop + whiskerRow * Double(j) + 8
            let px = x.position(Double(transition.year) - 0.5)
            m.open("g", [("class", transition.weak ? "whisker weak" : "whisker")])
            var label = "\(transition.year)"
            let dash: [(String, String)] = transition.weak ? [("stroke-dasharray", "3 2")] : []
            if let interval = transition.interval95 {
                label += " [\(interval[0])–\(interval[1])]"
                if let support = transition.support {
                    label += " support \(HTMLText.fixed(support, digits: 2))" + (transition.weak ? ", weak" : "")
                }
                if transition.dateBlur > 0 { label += ", ties dated ±\(transition.dateBlur)y" }
                let x0 = x.position(Double(interval[0]) - 0.5)
                let x1 = x.position(Double(interval[1]) - 0.5)
                m.element("title", text: "stage \(j + 2) starts in \(transition.year); 95% interval \(interval[0])–\(interval[1])")
                m.empty(
                    "line",
                    [
                        ("x1", fx(x0)), ("x2", fx(x1)), ("y1", fx(rowY)), ("y2", fx(rowY)),
                        ("stroke", "#000"), ("stroke-width", "2"),
                    ] + dash)
                for cap in [x0, x1] {
                    m.empty(
                        "line",
                        [
                            ("x1", fx(cap)), ("x2", fx(cap)), ("y1", fx(rowY - 5)), ("y2", fx(rowY + 5)),
                            ("stroke", "#000"), ("stroke-width", "2"),
                        ] + dash)
                }
                m.element("text", [("x", fx(x1 + 6)), ("y", fx(rowY + 4)), ("font-size", "11")], text: label)
            } else if let support = transition.support {
                label += " no interval: support \(HTMLText.fixed(support, digits: 2)), weak"
                m.element(
                    "title", text: "stage \(j + 2) starts in \(transition.year); no replicate has a transition within the match window")
                m.element("text", [("x", fx(px + 6)), ("y", fx(rowY + 4)), ("font-size", "11")], text: label)
            } else {
                m.element("title", text: "stage \(j + 2) starts in \(transition.year) (no bootstrap replicates)")
                m.element("text", [("x", fx(px + 6)), ("y", fx(rowY + 4)), ("font-size", "11")], text: label)
            }
            // Supported transitions are solid dots, weak ones hollow.
            m.empty(
                "circle",
                [
                    ("cx", fx(px)), ("cy", fx(rowY)), ("r", "3.5"),
                    ("fill", transition.weak || transition.support == nil ? "#fff" : "#000"),
                    ("stroke", "#000"), ("stroke-width", "1.5"),
                ])
            m.close("g")
        }
        // Year axis.
        m.empty(
            "line",
            [
                ("x1", fx(plotLeft)), ("x2", fx(plotRight)), ("y1", fx(axisY)), ("y2", fx(axisY)),
                ("stroke", "#444"),
            ])
        for tick in x.ticks {
            let px = x.position(tick)
            m.empty("line", [("x1", fx(px)), ("x2", fx(px)), ("y1", fx(axisY)), ("y2", fx(axisY + 4)), ("stroke", "#444")])
            m.element(
                "text", [("x", fx(px)), ("y", fx(axisY + 16)), ("text-anchor", "middle"), ("font-size", "11")],
                text: x.label(tick))
        }
        m.element(
            "text",
            [
                ("x", fx(plotRight)), ("y", fx(axisY + 28)), ("text-anchor", "end"), ("font-size", "11"),
                ("class", "axis-title"),
            ], text: "year")
        // Estimated values strip.
        m.element("text", [("x", "0"), ("y", fx(stripY + 10)), ("font-size", "11")], text: "estimated link values")
        m.empty(
            "rect",
            [
                ("x", fx(plotLeft)), ("y", fx(stripY)), ("width", fx(plotRight - plotLeft)), ("height", "12"),
                ("fill", "#f2f2f2"),
            ])
        for year in estimatedYears.sorted() where (firstYear...lastYear).contains(year) {
            let x0 = x.position(Double(year) - 0.5)
            let x1 = x.position(Double(year) + 0.5)
            m.empty(
                "rect",
                [
                    ("x", fx(x0)), ("y", fx(stripY)), ("width", fx(x1 - x0)), ("height", "12"),
                    ("fill", "#B00020"), ("fill-opacity", "0.7"), ("class", "estimated-year"),
                ])
        }
        m.close("svg")
        return m.text
    }
}
