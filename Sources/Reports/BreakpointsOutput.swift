import Analysis
import AtomicOutput

/// The bootstrap of every baseline transition year, as two tables of scalar
/// columns (docs/OUTPUTS.md):
/// - transitions.csv: one row per transition — its intervals, support and flag;
/// - breakpoints.csv: the distribution — one row per (transition, replicate
///   year) over the replicates with a transition within ±match_window years of
///   it, and one row with an empty year counting the replicates without one.
package enum BreakpointsOutput {
    package static func transitions(_ results: JobResults) -> OutputFile {
        var csv = CSVText(header: [
            "transition", "baseline_year", "replicates", "lo90", "hi90", "lo95", "hi95",
            "within_1y", "support", "weak",
        ])
        let tally = results.baseline
        for (j, baselineYear) in results.periodization.transitionYears.enumerated() {
            let i90 = tally.interval(j, level: 0.90)
            let i95 = tally.interval(j, level: 0.95)
            csv.append([
                String(j + 1), String(baselineYear), String(tally.replicates),
                i90.map { String($0[0]) } ?? "", i90.map { String($0[1]) } ?? "",
                i95.map { String($0[0]) } ?? "", i95.map { String($0[1]) } ?? "",
                CSVText.number(tally.withinOneYearShare(j)), CSVText.number(tally.support(j)),
                tally.replicates > 0 ? String(tally.isWeak(j)) : "",
            ])
        }
        return OutputFile(name: "transitions.csv", text: csv.text)
    }

    package static func csv(_ results: JobResults) -> OutputFile {
        var csv = CSVText(header: ["transition", "baseline_year", "year", "replicates", "share"])
        let tally = results.baseline
        for (j, baselineYear) in results.periodization.transitionYears.enumerated() {
            let distribution = tally.transitionYears[j]
            for (year, count) in distribution.sorted {
                csv.append([
                    String(j + 1), String(baselineYear), String(year), String(count),
                    CSVText.number(Double(count) / Double(tally.replicates)),
                ])
            }
            let missing = tally.replicates - distribution.total
            if missing > 0 {
                // Replicates with no transition within the match window.
                csv.append([
                    String(j + 1), String(baselineYear), "", String(missing),
                    CSVText.number(Double(missing) / Double(tally.replicates)),
                ])
            }
        }
        return OutputFile(name: "breakpoints.csv", text: csv.text)
    }
}
