/// A chart's canvas: the size of its SVG, the plot area inside its margins and
/// the opening of its `<svg>` element with an accessible `<title>`. Every chart
/// of the report starts from one, so their geometry is stated once, as four
/// margins, and the frame (`SVGPlotFrame`) is drawn over the same plot area.
struct SVGCanvas: Sendable {
    var width: Double
    var height: Double
    var left: Double
    var right: Double
    var top: Double
    var bottom: Double

    /// The plot area's edges in SVG coordinates (y grows downwards).
    var plotLeft: Double { left }
    var plotRight: Double { width - right }
    var plotTop: Double { top }
    var plotBottom: Double { height - bottom }
    /// The four plot edges at once, for charts that name them often.
    var plotEdges: (left: Double, right: Double, top: Double, bottom: Double) {
        (plotLeft, plotRight, plotTop, plotBottom)
    }

    /// Grid, ticks, border and axis titles over the plot area.
    var frame: SVGPlotFrame {
        SVGPlotFrame(left: plotLeft, right: plotRight, top: plotTop, bottom: plotBottom, height: height)
    }

    /// Opens `<svg viewBox="0 0 width height" class=… role="img">` and writes its
    /// `<title>`; the chart closes the element with `m.close("svg")`.
    func open(_ m: inout HTMLText, cssClass: String, title: String) {
        let viewBox = "0 0 \(HTMLText.fixed(width, digits: 1)) \(HTMLText.fixed(height, digits: 1))"
        m.open(
            "svg",
            [
                ("xmlns", "http://www.w3.org/2000/svg"), ("viewBox", viewBox),
                ("class", cssClass), ("role", "img"),
            ])
        m.element("title", text: title)
    }
}
