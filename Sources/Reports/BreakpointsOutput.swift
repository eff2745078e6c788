import Analysis
import AtomicOutput

/// breakpoints.csv: the bootstrap distribution of every baseline transition year,
/// over the replicates with a transition within ±match_window years of it (its
/// support); one more row counts the replicates without one (year empty).
public enum BreakpointsOutput {
    public static func csv(_ results: JobResults) -> OutputFile {
        var csv = CSVText(header: ["transition", "baseline_year", "year", "replicates", "share",
                                   "lo90", "hi90", "lo95", "hi95", "within_1y", "support", "weak"])
        let tally = results.baseline
        for (j, baselineYear) in results.periodization.transitionYears.enumerated() {
            let distribution = tally.transitionYears[j]
            let i90 = distribution.interval(level: 0.90), i95 = distribution.interval(level: 0.95)
            let summary = [i90.map { String($0[0]) } ?? "", i90.map { String($0[1]) } ?? "",
                           i95.map { String($0[0]) } ?? "", i95.map { String($0[1]) } ?? "",
                           CSVText.number(tally.withinOneYearShare(j)), CSVText.number(tally.support(j)),
                           tally.replicates > 0 ? String(tally.isWeak(j)) : ""]
            for (year, count) in distribution.sorted {
                csv.append([String(j + 1), String(baselineYear), String(year), String(count),
                            CSVText.number(Double(count) / Double(tally.replicates))] + summary)
            }
            let missing = tally.replicates - distribution.total
            if missing > 0 || tally.replicates == 0 {
                // Replicates with no transition within the match window, or no bootstrap.
                csv.append([String(j + 1), String(baselineYear), "", String(missing),
                            tally.replicates > 0 ? CSVText.number(Double(missing) / Double(tally.replicates)) : ""] + summary)
            }
        }
        return OutputFile(name: "breakpoints.csv", text: csv.text)
    }
}
