import Analysis
import AtomicOutput

/// sensitivity_by_region.csv: per scenario, its transitions, their shift from
/// the baseline, label changes and the agreement (ARI) with the baseline.
public enum SensitivityOutput {
    public static func csv(_ results: JobResults) -> OutputFile {
        var csv = CSVText(header: ["scenario", "kind", "target", "stages", "transitions", "shift_years",
                                   "label_changes", "ari", "replicates", "transition_intervals95", "names"])
        let base = results.periodization
        for tally in results.scenarios {
            guard let point = tally.point else { continue }
            let p = point.periodization
            let comparison = Comparison(point: point, baseline: base)
            let shifts = comparison.shifts.map { $0.map(String.init) ?? "NA" }
            let intervals = tally.transitionYears.map { d in d.interval(level: 0.95).map { "\($0[0])-\($0[1])" } ?? "NA" }
            csv.append([tally.scenario.id, tally.scenario.kind, tally.scenario.target, String(p.stages.count),
                        p.transitionYears.map(String.init).joined(separator: ";"), shifts.joined(separator: ";"),
                        compress(comparison.labelChanges), CSVText.number(comparison.ari), String(tally.replicates),
                        tally.replicates > 0 ? intervals.joined(separator: ";") : "",
                        p.stages.map(\.label).joined(separator: ";")])
        }
        return OutputFile(name: "sensitivity_by_region.csv", text: csv.text)
    }

    /// A scenario's point estimate against the baseline periodization: the shift
    /// of each baseline transition to the scenario's nearest one (nil when it has
    /// none), the years whose stage label changes ("1995:a→b"), and the ARI.
    struct Comparison {
        var shifts: [Int?]
        var labelChanges: [String]
        var ari: Double

        init(point: ScenarioPoint, baseline base: Periodization) {
            let p = point.periodization
            shifts = base.transitionYears.map { year in
                ScenarioTally.nearest(to: year, in: p.transitionYears).map { $0 - year }
            }
            let baseRows = base.stageOfRow, rows = p.stageOfRow
            labelChanges = rows.indices.compactMap { t in
                let a = base.stages[baseRows[t] - 1].label, b = p.stages[rows[t] - 1].label
                return a == b ? nil : "\(point.series.years[t]):\(a)→\(b)"
            }
            ari = adjustedRandIndex(baseRows, rows)
        }
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
