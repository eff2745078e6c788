import Analysis
import AtomicOutput
import Centrality
import CooperationNetwork

/// report.html: one self-contained page (inline CSS and SVG, no script, no
/// external resource) that a geographer reads first: the job, the stages on a
/// timeline with the uncertainty of each transition, the indicator charts,
/// a map of every stage's network, the sensitivity table, the label shares
/// and the estimated link values. Polyglot markup (HTML5 and well-formed
/// XML), deterministic byte for byte. Sections in docs/OUTPUTS.md.
package enum ReportOutput {
    package static let fileName = "report.html"

    package static func html(_ results: JobResults) -> OutputFile {
        let palette = ReportPalette(panel: results.job.panel)
        let networks = StageNetwork.all(results)
        var page = HTMLText()
        page.raw("<!DOCTYPE html>\n")
        page.open("html", [("xmlns", "http://www.w3.org/1999/xhtml"), ("lang", "en"), ("xml:lang", "en")])
        page.newline()
        page.open("head")
        page.empty("meta", [("charset", "utf-8")])
        page.empty("meta", [("name", "viewport"), ("content", "width=device-width, initial-scale=1")])
        page.element("title", text: "transborder report · \(results.spec.name)")
        page.open("style")
        page.raw(style)  // raw text in HTML: escaping would corrupt the quoted font names
        page.close("style")
        page.close("head")
        page.newline()
        page.open("body")
        page.open("main")
        summary(results, into: &page)
        stages(results, palette: palette, into: &page)
        ReportReference.section(results, into: &page)
        penaltyPath(results, into: &page)
        indicators(results, palette: palette, into: &page)
        maps(results, networks: networks, palette: palette, into: &page)
        ReportTables.labelShares(results, palette: palette, into: &page)
        ReportTables.sensitivity(results, into: &page)
        ReportTables.estimatedValues(results, into: &page)
        footer(into: &page)
        page.close("main")
        page.close("body")
        page.close("html")
        page.newline()
        return OutputFile(name: fileName, text: page.text)
    }

    /// Inline CSS; it contains neither `<` nor `&`, so it is the same text in HTML and XML.
    static let style = """
        body{margin:0;background:#FAFAFA;color:#1E1E1E;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans CJK SC",sans-serif}
        main{max-width:1180px;margin:0 auto;padding:12px 24px 40px}
        h1{font-size:23px;margin:8px 0 4px}
        h2{font-size:18px;margin:28px 0 8px;padding-bottom:3px;border-bottom:1px solid #D6D6D6}
        p{margin:6px 0;max-width:62em}
        .note{color:#555;font-size:13px}
        table{border-collapse:collapse;font-size:13px;margin:6px 0}
        th,td{padding:3px 8px;border-bottom:1px solid #E4E4E4;text-align:left;vertical-align:top}
        th{background:#F0F0F0;font-weight:600}
        td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
        table.periods,table.sensitivity{width:100%}
        tr.changed td{background:#FFF6E0}
        table.summary th{background:none;font-weight:600;white-space:nowrap}
        .grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(340px,1fr));gap:12px}
        .grid.maps{grid-template-columns:repeat(auto-fill,minmax(480px,1fr))}
        figure{margin:0;background:#FFF;border:1px solid #E0E0E0;padding:6px 8px}
        figcaption{font-size:13px;font-weight:600;margin-bottom:2px}
        figcaption span{font-weight:400;color:#555}
        svg{display:block;width:100%;height:auto}
        svg text{font-family:inherit;fill:#1E1E1E}
        .wide{background:#FFF;border:1px solid #E0E0E0;padding:8px}
        .narrow{max-width:460px;background:#FFF;border:1px solid #E0E0E0;padding:8px}
        .legend{display:flex;flex-wrap:wrap;gap:4px 18px;font-size:13px;margin:6px 0}
        .legend span.key{display:inline-block;width:22px;height:10px;margin-right:5px;vertical-align:middle}
        .legend span.dot{display:inline-block;width:10px;height:10px;border:1px solid #000;border-radius:50%;margin-right:5px;vertical-align:middle}
        """

    // MARK: - Sections

    static func summary(_ results: JobResults, into page: inout HTMLText) {
        let panel = results.job.panel
        let spec = results.spec
        page.open("header")
        page.element("h1", text: "Periodization of \(spec.name)")
        page.element(
            "p", [("class", "note")],
            text:
                "transborder report: stages of a transborder cooperation network, their uncertainty and their sensitivity. Methods: docs/METHODS.md; every number here is also in the CSV/JSON files next to this page."
        )
        page.close("header")
        var rows: [(String, String)] = []
        let years = results.series.years
        rows.append(("years", "\(years.first ?? 0)–\(years.last ?? 0) (\(years.count) years)"))
        let countries = Dictionary(grouping: panel.places, by: \.country)
        rows.append(
            (
                "places",
                "\(panel.places.count) ("
                    + countries.keys.sorted().map { "\($0): \(countries[$0]?.count ?? 0)" }.joined(separator: ", ")
                    + "), \(panel.regions.count) regions"
            ))
        let estimated = panel.links.filter(\.estimated).count
        rows.append(
            (
                "links",
                "\(panel.links.count) link-year rows, \(estimated) with an estimated weight; "
                    + (panel.directed ? "directed" : "undirected")
            ))
        rows.append(("layers", panel.layers.map(\.rawValue).joined(separator: ", ")))
        rows.append(("path lengths", "distance: \(spec.distance.rawValue)"))
        let s = spec.stages
        let penalty: String
        if case .value(let v) = s.penalty { penalty = HTMLText.readable(v) } else { penalty = s.penalty.name }
        rows.append(
            (
                "change points",
                "method \(s.method.rawValue), cost \(s.cost.rawValue), breaks "
                    + (s.breaks.map(String.init) ?? "auto (0–\(s.maxBreaks))")
                    + ", penalty \(penalty), min_size \(s.minSize), standardize \(s.standardize), date_blur \(s.dateBlur)"
                    + (s.indicators.isEmpty ? ", all indicators" : ", indicators: " + s.indicators.joined(separator: ", "))
            ))
        let tally = results.baseline
        var bootstrap = "scheme \(spec.bootstrap.scheme.rawValue), \(tally.replicates) replicates, seed \(spec.bootstrap.seed)"
        if tally.replicates > 0 {
            let counts = tally.stageCounts.keys.sorted().map { k in
                "\(k) stage\(k == 1 ? "" : "s"): " + HTMLText.fixed(Double(tally.stageCounts[k] ?? 0) / Double(tally.replicates), digits: 3)
            }
            bootstrap += " (share of replicates with " + counts.joined(separator: "; ") + ")"
        }
        rows.append(("bootstrap", bootstrap))
        rows.append(
            (
                "sensitivity",
                "\(max(0, results.scenarios.count - 1)) scenarios besides the baseline, "
                    + "\(spec.sensitivity.replicates) replicates each"
            ))
        rows.append(
            (
                "result",
                (results.breaksCapped
                    ? "the most stages max_breaks allows (the cap, not the penalty, decided; see the penalty path); " : "")
                    + "\(results.periodization.stages.count) stages; transitions in "
                    + (results.periodization.transitionYears.isEmpty
                        ? "none"
                        : results.periodization.transitionYears.map(String.init).joined(separator: ", "))
            ))
        page.open("table", [("class", "summary")])
        for (key, value) in rows {
            page.open("tr")
            page.element("th", [("scope", "row")], text: key)
            page.element("td", text: value)
            page.close("tr")
        }
        page.close("table")
        page.newline()
    }

    static func stages(_ results: JobResults, palette: ReportPalette, into page: inout HTMLText) {
        let periodization = results.periodization
        let panel = results.job.panel
        page.open("section", [("id", "stages")])
        page.element("h2", text: "Stages")
        page.element(
            "p",
            text:
                "Each band is a stage of the baseline periodization, coloured by its dominant layer. Below, each transition year (the first year of the next stage) with the 95% bias-corrected percentile interval of the nearest replicate transition, over the replicates that have one within ±\(results.spec.bootstrap.matchWindow) years (its support; the interval always contains the transition year); a transition with support below 0.5 is weak and drawn hollow and dashed; the bottom strip marks the years whose links include estimated values."
        )
        let estimatedYears = Set(panel.links.filter(\.estimated).map(\.year))
        let timeline = SVGStageTimeline(
            firstYear: results.series.years.first ?? panel.years.lowerBound,
            lastYear: results.series.years.last ?? panel.years.upperBound,
            bands: periodization.stages.map {
                .init(
                    number: $0.number, start: $0.startYear, end: $0.endYear, label: $0.label, name: $0.name,
                    colour: palette.layer(named: $0.dominantLayer))
            },
            transitions: transitions(results), estimatedYears: estimatedYears)
        page.open("div", [("class", "wide")])
        page.raw(timeline.svg())
        page.close("div")
        layerLegend(palette, lines: false, into: &page)
        page.element(
            "p",
            text:
                "Each layer's intensity in its own unit, divided by its largest year (0–1): the stages are named by the layer that grows most over them (docs/METHODS.md §5)."
        )
        let intensities = SVGLayerIntensities(
            years: results.series.years,
            lines: panel.layers.enumerated().map { i, layer in
                .init(
                    layer: layer.rawValue, unit: results.spec.unit(of: layer.rawValue), colour: palette.layer(i),
                    values: results.series.column(IndicatorName.layerNorm(layer)) ?? [])
            },
            stages: stageBands(results, palette: palette))
        page.open("div", [("class", "wide")])
        page.raw(intensities.svg())
        page.close("div")
        page.open("table", [("class", "periods")])
        page.open("tr")
        for (title, numeric) in [
            ("stage", true), ("start", true), ("end", true), ("name", false),
            ("dominant layer", false), ("label probability", true), ("runner-up (margin)", false),
            ("dominant scale", false), ("core places (PageRank)", false),
            ("core places (betweenness)", false), ("start, 95% interval", true),
            ("support", true), ("transition within ±1 y", true),
        ] {
            page.element("th", numeric ? [("class", "num")] : [], text: title)
        }
        page.close("tr")
        for stage in periodization.stages {
            let interval = results.startInterval(stage: stage.number, level: 0.95)
            let within = stage.number >= 2 ? results.baseline.withinOneYearShare(stage.number - 2) : nil
            let support = stage.number >= 2 ? results.baseline.support(stage.number - 2) : nil
            let weak = stage.number >= 2 && results.baseline.isWeak(stage.number - 2)
            page.open(
                "tr",
                [
                    ("class", weak ? "period weak" : "period"), ("data-stage", String(stage.number)),
                    ("data-start", String(stage.startYear)), ("data-end", String(stage.endYear)),
                ])
            page.element("td", [("class", "num")], text: String(stage.number))
            page.element("td", [("class", "num")], text: String(stage.startYear))
            page.element("td", [("class", "num")], text: String(stage.endYear))
            page.element("td", [("class", "name")], text: stage.name)
            page.element("td", text: stage.dominantLayer.isEmpty ? StageLabel.consolidation : stage.dominantLayer)
            page.element(
                "td", [("class", "num")],
                text: results.labelProbability(stage).map { HTMLText.fixed($0, digits: 2) } ?? "—")
            page.element(
                "td",
                text: stage.runnerUpLayer.isEmpty
                    ? "—"
                    : "\(stage.runnerUpLayer) (\(HTMLText.fixed(stage.layerMargin, digits: 2)))")
            page.element("td", text: stage.dominantScale)
            page.element("td", text: names(stage.corePlaces, panel: panel))
            page.element("td", text: names(stage.corePlacesByBetweenness, panel: panel))
            page.element("td", [("class", "num")], text: interval.map { "\($0[0])–\($0[1])" } ?? "—")
            page.element("td", [("class", "num")], text: support.map { HTMLText.fixed($0, digits: 3) + (weak ? " weak" : "") } ?? "—")
            page.element("td", [("class", "num")], text: within.map { HTMLText.fixed($0, digits: 3) } ?? "—")
            page.close("tr")
        }
        page.close("table")
        let tally = results.baseline
        if tally.replicates > 0 {
            let counts = tally.stageCounts.keys.sorted().map { k in
                "\(k): " + HTMLText.fixed(Double(tally.stageCounts[k] ?? 0) / Double(tally.replicates), digits: 3)
            }
            page.element(
                "p", [("class", "note stage-counts")],
                text: "Number of stages over the \(tally.replicates) replicates (baseline: \(periodization.stages.count)): "
                    + counts.joined(separator: ", ") + ".")
        }
        page.close("section")
        page.newline()
    }

    /// Every optimal segmentation between 0.1× and 10× the chosen penalty (docs/METHODS.md §4).
    static func penaltyPath(_ results: JobResults, into page: inout HTMLText) {
        let path = results.penaltyPath
        let years = results.series.years
        let chosen = results.periodization.breakpoints
        page.open("section", [("id", "penalty-path")])
        page.element("h2", text: "Penalty path")
        page.element(
            "p",
            text:
                "Every segmentation that is optimal for some penalty between 0.1× and 10× the chosen one (\(HTMLText.readable(path.chosenPenalty)), penalty \(results.spec.stages.penalty.name)): the number of stages against the cost, the chosen one in orange; the table gives the penalties for which each is optimal."
        )
        let points = path.segments.map { segment in
            SVGPenaltyPath.Point(
                stages: segment.stages, cost: segment.cost, penaltyLow: segment.penaltyLow,
                penaltyHigh: segment.penaltyHigh,
                transitions: segment.breakpoints.dropLast().map { years[$0] },
                chosen: segment.breakpoints == chosen)
        }
        page.open("div", [("class", "narrow")])
        page.raw(SVGPenaltyPath(points: points).svg())
        page.close("div")
        page.open("table", [("class", "penalty-path")])
        page.open("tr")
        for title in ["penalties", "stages", "transitions", "cost"] { page.element("th", text: title) }
        page.close("tr")
        for point in points {
            page.open("tr", point.chosen ? [("class", "chosen")] : [])
            page.element("td", text: "\(HTMLText.readable(point.penaltyLow))–\(HTMLText.readable(point.penaltyHigh))")
            page.element("td", [("class", "num")], text: String(point.stages))
            page.element("td", text: point.transitions.isEmpty ? "none" : point.transitions.map(String.init).joined(separator: ", "))
            page.element("td", [("class", "num")], text: HTMLText.readable(point.cost))
            page.close("tr")
        }
        page.close("table")
        page.close("section")
        page.newline()
    }

    static func indicators(_ results: JobResults, palette: ReportPalette, into page: inout HTMLText) {
        let series = results.series
        let tally = results.baseline
        let bands = stageBands(results, palette: palette)
        let marks = transitions(results)
        page.open("section", [("id", "indicators")])
        page.element("h2", text: "Indicators by year")
        page.element(
            "p",
            text: tally.replicates > 0
                ? "Black line: the baseline value. Grey band: the 2.5–97.5 % percentiles of \(tally.replicates) \(results.spec.bootstrap.scheme.rawValue) bootstrap replicates (a share's band stays within 0–1 by construction). Shaded: the stages; dashed lines: transitions, with the 95% interval of each as a whisker along the top. Formulas: docs/METHODS.md §3."
                : "Black line: the baseline value (no bootstrap replicates, so no band). Shaded: the stages; dashed lines: transitions. Formulas: docs/METHODS.md §3."
        )
        page.open("div", [("class", "grid")])
        for (j, column) in series.columns.enumerated() {
            let (title, unit) = describe(column)
            var band: (lower: [Double], upper: [Double])? = nil
            if tally.replicates > 0 {
                let rows = series.years.indices.map { tally.indicatorBand(row: $0, column: j, level: 0.95) }
                if rows.allSatisfy({ $0 != nil }) {
                    band = (rows.map { $0?.lowerBound ?? 0 }, rows.map { $0?.upperBound ?? 0 })
                }
            }
            let chart = SVGLineChart(
                years: series.years, values: series.values.map { $0[j] }, band: band,
                stages: bands, transitions: marks, unit: unit, title: "\(title) (\(column)) by year",
                bounds: Self.isUnbounded(column) ? 0...Double.infinity : 0...1)
            page.open("figure", [("class", "indicator"), ("data-indicator", column)])
            page.open("figcaption")
            page.text(title + " ")
            page.element("span", text: column)
            page.close("figcaption")
            page.raw(chart.svg())
            page.close("figure")
            page.newline()
        }
        page.close("div")
        page.close("section")
        page.newline()
    }

    static func maps(
        _ results: JobResults, networks: [StageNetwork], palette: ReportPalette,
        into page: inout HTMLText
    ) {
        let panel = results.job.panel
        let frame = SVGStageMap.Frame(places: panel.places)
        let maxPageRank = networks.flatMap { $0.meanCentrality[.pagerank] ?? [] }.max() ?? 0
        var maxWeight = [Double](repeating: 0, count: panel.layers.count)
        for network in networks { for link in network.links { maxWeight[link.layer] = max(maxWeight[link.layer], link.weightMean) } }
        page.open("section", [("id", "maps")])
        page.element("h2", text: "The network of each stage")
        page.element(
            "p",
            text:
                "Equirectangular projection with the standard parallel at the middle latitude of the places (graticule in degrees, WGS 84); the same extent on every map; land, coastlines and land borders (dashed) from Natural Earth 1:50m (public domain). Circle area ∝ the place's mean PageRank over the stage (years without links count as 0); grey rings: places without links during the stage. Lines: links merged over the stage's years, coloured by layer, width ∝ √(mean yearly weight) relative to the layer's largest value. Names of the most central places are set clear of the circles; a bold number stands for a name with no room, listed under the map. Hover for names and values."
        )
        layerLegend(palette, lines: true, into: &page)
        page.open("div", [("class", "legend")])
        for country in palette.countries {
            page.open("span")
            page.empty("span", [("class", "dot"), ("style", "background:\(palette.country(country))")])
            page.text("places in \(country)")
            page.close("span")
        }
        page.close("div")
        page.open("div", [("class", "grid maps")])
        var basemap: SVGBasemap.Paths?
        for network in networks {
            let stage = network.stage
            var map = SVGStageMap(
                network: network, panel: panel, frame: frame, palette: palette,
                maxPageRank: maxPageRank, maxWeightByLayer: maxWeight)
            // One frame for every map: the basemap is clipped, projected and simplified once.
            if basemap == nil { basemap = map.basemap.paths() }
            map.basemapPaths = basemap
            page.open("figure", [("class", "stage-map"), ("data-stage", String(stage.number))])
            page.open("figcaption")
            page.text("Stage \(stage.number) · \(stage.startYear)–\(stage.endYear) ")
            page.element("span", text: "\(stage.label), \(network.links.count) links")
            page.close("figcaption")
            page.raw(map.svg())
            let key = map.labelLayout().key
            if !key.isEmpty {
                page.element(
                    "p", [("class", "map-key")],
                    text: key.map { "\($0.number) \(panel.places[$0.place].name)" }.joined(separator: " · "))
            }
            page.close("figure")
            page.newline()
        }
        page.close("div")
        page.close("section")
        page.newline()
    }

    static func footer(into page: inout HTMLText) {
        page.open("footer")
        page.element("h2", text: "Files")
        page.element(
            "p", [("class", "note")],
            text:
                "periods.csv/json (stages and intervals), breakpoints.csv (bootstrap distribution of each transition), indicators_by_year.csv (values and bands), centrality_by_year.csv, centrality_by_period.csv, stage_labels_by_year.csv, sensitivity_by_region.csv, places_by_period.geojson and links_by_period.geojson (the stage networks for GIS), manifest.json (versions, hashes, timings). Columns and units: docs/OUTPUTS.md."
        )
        page.close("footer")
    }

    // MARK: - Parts shared by sections

    static func layerLegend(_ palette: ReportPalette, lines: Bool, into page: inout HTMLText) {
        page.open("div", [("class", "legend")])
        for (i, layer) in palette.layers.enumerated() {
            page.open("span")
            page.empty(
                "span",
                [
                    ("class", "key"),
                    (
                        "style",
                        lines
                            ? "height:3px;background:\(palette.layer(i))"
                            : "background:\(palette.layer(i));opacity:0.7"
                    ),
                ])
            page.text(lines ? layer.rawValue : "\(layer.stageAdjective) (dominant layer \(layer.rawValue))")
            page.close("span")
        }
        page.close("div")
    }

    static func stageBands(_ results: JobResults, palette: ReportPalette) -> [SVGLineChart.StageBand] {
        results.periodization.stages.map {
            .init(number: $0.number, start: $0.startYear, end: $0.endYear, colour: palette.layer(named: $0.dominantLayer))
        }
    }

    static func transitions(_ results: JobResults) -> [SVGLineChart.Transition] {
        results.periodization.transitionYears.enumerated().map { j, year in
            .init(
                year: year, interval95: results.startInterval(stage: j + 2, level: 0.95),
                support: results.baseline.support(j), weak: results.baseline.isWeak(j),
                dateBlur: results.dateBlur(atStartOf: j + 2) ?? 0)
        }
    }

    static func names(_ ids: [String], panel: Panel) -> String {
        ids.map { id in panel.placeIndex(of: id).map { panel.places[$0].name } ?? id }.joined(separator: ", ")
    }

    /// Chart title and y-axis title (with unit) of an indicator column.
    /// Columns not bounded by 1: km, own-unit intensities, counts.
    static func isUnbounded(_ column: String) -> Bool {
        column == IndicatorName.reachKm || column.hasPrefix("intensity_") || column.hasPrefix("new_ties_")
    }

    static func describe(_ column: String) -> (title: String, unit: String) {
        switch column {
        case IndicatorName.density: return ("Density", "density (0–1)")
        case IndicatorName.betweennessCentralization: return ("Betweenness centralization", "Freeman index (0–1)")
        case IndicatorName.top3StrengthShare: return ("Top-3 share of strength", "share of strength (0–1)")
        case IndicatorName.strengthGini: return ("Gini of strength", "Gini index (0–1)")
        case IndicatorName.crossBorderShare: return ("Cross-border share", "share of weight (0–1)")
        case IndicatorName.reachKm: return ("Mean cross-border reach", "km")
        default:
            if column.hasPrefix("scale_share_") {
                return ("Share of \(column.dropFirst("scale_share_".count)) scale", "share of strength (0–1)")
            }
            if column.hasPrefix("share_") {
                return ("Share of layer \(column.dropFirst("share_".count))", "share of weight (0–1)")
            }
            if column.hasPrefix("intensity_") {
                return ("Intensity of layer \(column.dropFirst("intensity_".count))", "in the layer's own unit")
            }
            if column.hasPrefix("norm_") {
                return ("Normalized intensity of layer \(column.dropFirst("norm_".count))", "of its largest year (0–1)")
            }
            if column.hasPrefix("new_ties_") {
                return ("New ties of layer \(column.dropFirst("new_ties_".count))", "spells starting (count)")
            }
            if column.hasPrefix("scale_norm_") {
                return ("Normalized intensity of \(column.dropFirst("scale_norm_".count)) scale", "of its largest year (0–1)")
            }
            return (column, "value")
        }
    }
}
