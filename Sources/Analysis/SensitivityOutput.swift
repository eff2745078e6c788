/// sensitivity_by_region.csv: per scenario, its transitions, their shift from
/// the baseline, label changes and the agreement (ARI) with the baseline.
public enum SensitivityOutput {
    public static func csv(_ results: JobResults) -> ResultFile {
        var csv = CSVText(header: ["scenario", "kind", "target", "stages", "transitions", "shift_years",
                                   "label_changes", "ari", "replicates", "transition_intervals95", "names"])
        let base = results.periodization
        let baseRows = base.stageOfRow
        for tally in results.scenarios {
            guard let point = tally.point else { continue }
            let p = point.periodization
            let shifts = base.transitionYears.map { year -> String in
                guard let nearest = ScenarioTally.nearest(to: year, in: p.transitionYears) else { return "NA" }
                return String(nearest - year)
            }
            let rows = p.stageOfRow
            var changes: [String] = []
            for t in rows.indices {
                let a = base.stages[baseRows[t] - 1].label, b = p.stages[rows[t] - 1].label
                if a != b { changes.append("\(point.series.years[t]):\(a)→\(b)") }
            }
            let intervals = tally.transitionYears.map { d in d.interval(level: 0.95).map { "\($0[0])-\($0[1])" } ?? "NA" }
            csv.append([tally.scenario.id, tally.scenario.kind, tally.scenario.target, String(p.stages.count),
                        p.transitionYears.map(String.init).joined(separator: ";"), shifts.joined(separator: ";"),
                        compress(changes), CSVText.number(adjustedRandIndex(baseRows, rows)), String(tally.replicates),
                        tally.replicates > 0 ? intervals.joined(separator: ";") : "",
                        p.stages.map(\.label).joined(separator: ";")])
        }
        return ResultFile(name: "sensitivity_by_region.csv", text: csv.text)
    }

    /// Collapses consecutive years with the same change into ranges: "1995-1999:a→b".
    static func compress(_ changes: [String]) -> String {
        var out: [(first: Int, last: Int, change: String)] = []
        for item in changes {
            guard let colon = item.firstIndex(of: ":"), let year = Int(item[..<colon]) else { continue }
            let change = String(item[item.index(after: colon)...])
            if let last = out.last, last.change == change, last.last == year - 1 {
                out[out.count - 1].last = year
            } else {
                out.append((year, year, change))
            }
        }
        return out.map { $0.first == $0.last ? "\($0.first):\($0.change)" : "\($0.first)-\($0.last):\($0.change)" }
            .joined(separator: ";")
    }
}
