import Analysis
import CooperationNetwork

/// The report's table sections: stage label shares, regional sensitivity and
/// estimated link values. Same numbers as stage_labels_by_year.csv and
/// sensitivity_by_region.csv, computed with the same helpers.
enum ReportTables {
    static func labelShares(_ results: JobResults, palette: ReportPalette, into page: inout HTMLText) {
        let tally = results.baseline
        guard tally.replicates > 0, tally.labelCounts.count == results.series.years.count else { return }
        let stageOfRow = results.periodization.stageOfRow
        let baseline = stageOfRow.map { results.periodization.stages[$0 - 1].label }
        let shares = tally.labelCounts.map { counts in
            counts.mapValues { Double($0) / Double(tally.replicates) }
        }
        let chart = SVGLabelShares(
            years: results.series.years, shares: shares, baselineLabels: baseline,
            palette: palette)
        page.open("section", [("id", "labels")])
        page.element("h2", text: "Stage labels by year")
        page.element(
            "p",
            text:
                "For every year, the share of the \(tally.replicates) bootstrap replicates that put it in a stage with each label (the dominant layer's adjective); the strip under the bars is the baseline label."
        )
        page.open("div", [("class", "wide")])
        page.raw(chart.svg())
        page.close("div")
        page.open("div", [("class", "legend")])
        for label in chart.labels {
            page.open("span")
            page.empty("span", [("class", "key"), ("style", "background:\(palette.label(label))")])
            page.text(label)
            page.close("span")
        }
        page.close("div")
        page.close("section")
        page.newline()
    }

    /// One row per scenario with a point estimate, as in sensitivity_by_region.csv.
    static func sensitivity(_ results: JobResults, into page: inout HTMLText) {
        let base = results.periodization
        let withReplicates = results.scenarios.contains { $0.scenario != .baseline && $0.replicates > 0 }
        page.open("section", [("id", "sensitivity")])
        page.element("h2", text: "Regional sensitivity")
        page.element(
            "p",
            text:
                "Each scenario re-runs the whole analysis on a modified panel (docs/METHODS.md §7). Shift: for each baseline transition, the scenario's nearest transition minus the baseline year (NA: the scenario has none). ARI: adjusted Rand index of the year→stage assignment against the baseline (1 = the same stages). Highlighted rows differ from the baseline."
        )
        page.open("table", [("class", "sensitivity")])
        page.open("tr")
        var headers = [
            ("scenario", false), ("stages", true), ("transitions", true), ("shift (years)", true),
            ("ARI", true), ("label changes", false),
        ]
        if withReplicates { headers.append(("95% intervals", true)) }
        for (title, numeric) in headers { page.element("th", numeric ? [("class", "num")] : [], text: title) }
        page.close("tr")
        for tally in results.scenarios {
            guard let point = tally.point else { continue }
            let p = point.periodization
            let comparison = SensitivityOutput.Comparison(point: point, baseline: base)
            let shifts = comparison.shifts.map { shift -> String in
                guard let shift else { return "NA" }
                return shift > 0 ? "+\(shift)" : String(shift)
            }
            let changes = comparison.labelChanges
            let ari = comparison.ari
            let changed = ari < 1 || !changes.isEmpty
            page.open(
                "tr",
                changed
                    ? [("class", "scenario changed"), ("data-scenario", tally.scenario.id)]
                    : [("class", "scenario"), ("data-scenario", tally.scenario.id)])
            page.element("td", text: tally.scenario.id)
            page.element("td", [("class", "num")], text: String(p.stages.count))
            page.element("td", [("class", "num")], text: p.transitionYears.map(String.init).joined(separator: ", "))
            page.element("td", [("class", "num")], text: shifts.joined(separator: ", "))
            page.element("td", [("class", "num")], text: HTMLText.fixed(ari, digits: 3))
            page.element("td", text: SensitivityOutput.compress(changes).replacingOccurrences(of: ";", with: "; "))
            if withReplicates {
                let intervals = p.transitionYears.indices.map { j in
                    tally.interval(j, level: 0.95).map { "\($0[0])–\($0[1])" } ?? "NA"
                }
                page.element("td", [("class", "num")], text: tally.replicates > 0 ? intervals.joined(separator: ", ") : "")
            }
            page.close("tr")
        }
        page.close("table")
        page.close("section")
        page.newline()
    }

    /// The note issue 5 requires: which link values are estimates, counted per year and layer.
    static func estimatedValues(_ results: JobResults, into page: inout HTMLText) {
        let panel = results.job.panel
        let estimated = panel.links.filter(\.estimated)
        page.open("section", [("id", "estimated")])
        page.element("h2", text: "Estimated link values")
        guard !estimated.isEmpty else {
            page.element(
                "p", [("class", "estimated-summary"), ("data-count", "0")],
                text: "No link value of this panel is an estimate: every link row is a sourced value.")
            page.close("section")
            page.newline()
            return
        }
        let totalWeight = panel.links.reduce(0) { $0 + $1.weight }
        let estimatedWeight = estimated.reduce(0) { $0 + $1.weight }
        let years = Array(Set(estimated.map(\.year))).sorted()
        let layers = Array(Set(estimated.map(\.layer))).sorted()
        page.element(
            "p", [("class", "estimated-summary"), ("data-count", String(estimated.count))],
            text:
                "\(estimated.count) of \(panel.links.count) link rows carry an estimated weight (flagged in links.csv, column estimated), "
                + HTMLText.fixed(totalWeight > 0 ? 100 * estimatedWeight / totalWeight : 0, digits: 1)
                + "% of the total weight, in \(years.count) years. The analysis treats them like sourced values; the years are marked on the timeline above. Counts of estimated link rows per year, by layer:"
        )
        var counts: [Int: [Int: Int]] = [:]
        for link in estimated { counts[link.year, default: [:]][link.layer, default: 0] += 1 }
        page.open("table", [("class", "estimated")])
        page.open("tr")
        page.element("th", [("class", "num")], text: "years")
        for layer in layers { page.element("th", [("class", "num")], text: panel.layers[layer].rawValue) }
        page.element("th", [("class", "num")], text: "total")
        page.close("tr")
        // Consecutive years with the same counts share one row ("1993–2003").
        var runs: [(first: Int, last: Int, row: [Int])] = []
        for year in years {
            let row = layers.map { counts[year]?[$0] ?? 0 }
            if let last = runs.last, last.last == year - 1, last.row == row {
                runs[runs.count - 1].last = year
            } else {
                runs.append((year, year, row))
            }
        }
        for run in runs {
            page.open(
                "tr",
                [
                    ("class", "estimated-years"), ("data-first", String(run.first)),
                    ("data-last", String(run.last)),
                ])
            page.element("td", [("class", "num")], text: run.first == run.last ? String(run.first) : "\(run.first)–\(run.last)")
            for count in run.row { page.element("td", [("class", "num")], text: String(count)) }
            page.element("td", [("class", "num")], text: String(run.row.reduce(0, +)))
            page.close("tr")
        }
        page.close("table")
        page.close("section")
        page.newline()
    }
}
