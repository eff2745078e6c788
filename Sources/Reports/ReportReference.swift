import Analysis

/// The report's comparison with a published periodization (spec `reference`),
/// stage by stage: which found stages cover the published one, the found
/// transition nearest to its start (offset in years, with its bootstrap
/// support), and the share of its years whose found stage is named by the
/// same layer. A display only: nothing in the analysis reads the reference.
enum ReportReference {
    struct Row {
        var stage: ReferencePeriodization.Stage
        /// Found stage numbers overlapping the published years.
        var found: [Int]
        /// Nearest found transition to the published start (nil for a stage starting the panel, or none found).
        var nearestStart: Int?
        var support: Double?
        /// Years of the published stage whose found stage has the same dominant layer / all its years.
        var labelAgreement: Double
    }

    static func rows(_ results: JobResults, reference: ReferencePeriodization) -> [Row] {
        let stages = results.periodization.stages
        let transitions = results.periodization.transitionYears
        let first = results.series.years.first ?? 0
        return reference.stages.map { published in
            let found = stages.filter { $0.startYear <= published.end && $0.endYear >= published.start }
            var nearest: Int? = nil
            var support: Double? = nil
            if published.start > first,
                let (j, year) = transitions.enumerated().min(by: { abs($0.element - published.start) < abs($1.element - published.start) })
            {
                nearest = year
                support = results.baseline.support(j)
            }
            let years = Array(published.start...published.end)
            let agreeing = years.filter { year in
                stages.first { $0.startYear <= year && year <= $0.endYear }?.dominantLayer == published.layer
            }.count
            return Row(
                stage: published, found: found.map(\.number), nearestStart: nearest, support: support,
                labelAgreement: years.isEmpty ? 0 : Double(agreeing) / Double(years.count))
        }
    }

    static func section(_ results: JobResults, into page: inout HTMLText) {
        guard let reference = results.spec.reference else { return }
        let stages = results.periodization.stages
        page.open("section", [("id", "reference")])
        page.element("h2", text: "Against the reference periodization")
        page.element(
            "p",
            text:
                "The job's spec names a published periodization (\(reference.source.isEmpty ? "no source given" : reference.source)). It is shown here for comparison only; nothing in the analysis reads it."
        )
        page.open("table", [("class", "reference")])
        page.open("tr")
        for (title, numeric) in [
            ("published stage", false), ("named by", false), ("found stages", false),
            ("nearest found start", true), ("offset (years)", true), ("support", true),
            ("years with the same layer", true),
        ] {
            page.element("th", numeric ? [("class", "num")] : [], text: title)
        }
        page.close("tr")
        for row in rows(results, reference: reference) {
            page.open("tr", [("class", "reference-stage")])
            page.element("td", text: "\(row.stage.start)–\(row.stage.end)")
            page.element("td", text: StageLabel.adjective(forLayer: row.stage.layer))
            page.element(
                "td",
                text: row.found.map { number in
                    let stage = stages[number - 1]
                    return "\(number): \(stage.startYear)–\(stage.endYear) \(stage.label)"
                }.joined(separator: "; "))
            page.element("td", [("class", "num")], text: row.nearestStart.map(String.init) ?? "—")
            page.element(
                "td", [("class", "num")],
                text: row.nearestStart.map { offset in
                    let d = offset - row.stage.start
                    return d > 0 ? "+\(d)" : String(d)
                } ?? "—")
            page.element("td", [("class", "num")], text: row.support.map { HTMLText.fixed($0, digits: 2) } ?? "—")
            page.element("td", [("class", "num")], text: HTMLText.fixed(row.labelAgreement, digits: 2))
            page.close("tr")
        }
        page.close("table")
        page.close("section")
        page.newline()
    }
}
