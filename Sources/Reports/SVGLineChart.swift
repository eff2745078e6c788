/// A small SVG line chart of one yearly indicator: the baseline series, its
/// bootstrap band, the stages as shaded bands and every transition's 95%
/// interval as a whisker.
///
/// Years are points at the centre of unit cells, so a stage covering
/// start…end is shaded over [start − ½, end + ½] and the boundary of a stage
/// starting in year Y (and a whisker end at year Y) sits at Y − ½, halfway
/// between the last year of one stage and the first of the next.
struct SVGLineChart: Sendable {
    struct StageBand: Sendable {
        var number: Int
        var start: Int
        var end: Int
        var colour: String
    }

    struct Transition: Sendable {
        var year: Int
        /// The 95% interval of the start year, nil without replicates.
        var interval95: [Int]?
        /// Share of replicates with a transition within the match window; nil without replicates.
        var support: Double? = nil
        /// Support below one half: drawn hollow and dashed (docs/METHODS.md §6).
        var weak: Bool = false
        /// ± years of dating blur at this boundary (docs/METHODS.md §4); 0 = dated exactly.
        var dateBlur: Int = 0
    }

    var years: [Int]
    var values: [Double]
    /// Lower and upper band (the replicates' 2.5 % and 97.5 % percentiles, docs/METHODS.md §6),
    /// aligned with `years`; nil without replicates.
    var band: (lower: [Double], upper: [Double])?
    var stages: [StageBand]
    var transitions: [Transition]
    /// Y axis title including the unit, e.g. "share of weight (0–1)".
    var unit: String
    /// Accessible description (the SVG <title>).
    var title: String
    /// The indicator's possible range (e.g. 0…1 for a share); values are drawn clamped to it.
    /// Percentile bands never need it (the sketch keeps them inside the replicates' own
    /// range); it keeps the axis honest for any series handed in.
    var bounds: ClosedRange<Double> = -Double.infinity...Double.infinity

    static let canvas = SVGCanvas(width: 360, height: 210, left: 50, right: 10, top: 18, bottom: 34)

    func clamp(_ v: Double) -> Double { min(max(v, bounds.lowerBound), bounds.upperBound) }

    func svg() -> String {
        let canvas = Self.canvas
        let (plotLeft, plotRight, plotTop, plotBottom) = canvas.plotEdges
        guard let first = years.first, let last = years.last else { return "" }
        let x = SVGAxis(years: first, last, from: plotLeft, to: plotRight, targetTicks: 7)
        let band = self.band.map { band in
            (lower: band.lower.map(clamp), upper: band.upper.map(clamp))
        }
        var covered = values
        if let band { covered += band.lower + band.upper }
        let y = SVGAxis(covering: covered, from: plotBottom, to: plotTop)
        func fx(_ v: Double) -> String { HTMLText.fixed(v, digits: 1) }

        var m = HTMLText()
        canvas.open(&m, cssClass: "chart", title: title)
        let frame = canvas.frame
        frame.drawStageBands(stages, into: &m, x: x, opacity: ("0.13", "0.24"))
        frame.draw(into: &m, x: x, y: y, xTitle: "year", yTitle: unit, tickMarks: true)
        // Bootstrap band.
        if let band, band.lower.count == years.count, band.upper.count == years.count {
            var points: [String] = []
            for (t, year) in years.enumerated() {
                points.append(fx(x.position(Double(year))) + "," + fx(y.position(band.upper[t])))
            }
            for (t, year) in years.enumerated().reversed() {
                points.append(fx(x.position(Double(year))) + "," + fx(y.position(band.lower[t])))
            }
            m.empty(
                "polygon",
                [
                    ("points", points.joined(separator: " ")), ("fill", "#555"),
                    ("fill-opacity", "0.22"), ("class", "band"),
                ])
        }
        // Transitions: boundary line and 95% whisker along the top.
        for transition in transitions {
            let px = x.position(Double(transition.year) - 0.5)
            m.empty(
                "line",
                [
                    ("x1", fx(px)), ("x2", fx(px)), ("y1", fx(plotTop)), ("y2", fx(plotBottom)),
                    ("stroke", "#333"), ("stroke-dasharray", "3 2"),
                ])
            if let interval = transition.interval95 {
                let x0 = x.position(Double(interval[0]) - 0.5)
                let x1 = x.position(Double(interval[1]) - 0.5)
                let wy = plotTop + 5
                m.open(
                    "g",
                    [
                        ("class", transition.weak ? "whisker weak" : "whisker"), ("stroke", "#000"),
                        ("stroke-width", "1.5"),
                    ] + (transition.weak ? [("stroke-dasharray", "2 2")] : []))
                m.element(
                    "title",
                    text: "transition \(transition.year), 95% interval \(interval[0])–\(interval[1])"
                        + (transition.weak ? " (weak: support \(HTMLText.fixed(transition.support ?? 0, digits: 2)))" : ""))
                m.empty("line", [("x1", fx(x0)), ("x2", fx(x1)), ("y1", fx(wy)), ("y2", fx(wy))])
                m.empty("line", [("x1", fx(x0)), ("x2", fx(x0)), ("y1", fx(wy - 3.5)), ("y2", fx(wy + 3.5))])
                m.empty("line", [("x1", fx(x1)), ("x2", fx(x1)), ("y1", fx(wy - 3.5)), ("y2", fx(wy + 3.5))])
                m.close("g")
            }
        }
        // Baseline series.
        let line = zip(years, values).map { fx(x.position(Double($0))) + "," + fx(y.position($1)) }
        m.empty(
            "polyline",
            [
                ("points", line.joined(separator: " ")), ("fill", "none"), ("stroke", "#111"),
                ("stroke-width", "1.6"), ("class", "baseline"),
            ])
        for (year, value) in zip(years, values) {
            m.empty(
                "circle",
                [
                    ("cx", fx(x.position(Double(year)))), ("cy", fx(y.position(value))), ("r", "1.7"),
                    ("fill", "#111"),
                ])
        }
        m.close("svg")
        return m.text
    }
}
