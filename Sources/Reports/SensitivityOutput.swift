import Analysis
import AtomicOutput

/// The regional sensitivity scenarios as three tables of scalar columns
/// (docs/OUTPUTS.md): sensitivity_by_region.csv (one row per scenario: its
/// number of stages, agreement with the baseline, years relabelled),
/// sensitivity_stages.csv (one row per scenario and stage, with the start's
/// bootstrap interval when the scenario has replicates) and
/// sensitivity_shifts.csv (one row per scenario and baseline transition: the
/// scenario's nearest transition and the shift in years).
package enum SensitivityOutput {
    package static func csv(_ results: JobResults) -> OutputFile {
        var csv = CSVText(header: ["scenario", "kind", "target", "stages", "ari", "years_relabelled", "replicates"])
        let base = results.periodization
        for tally in results.scenarios {
            guard let point = tally.point else { continue }
            let comparison = Comparison(point: point, baseline: base)
            csv.append([
                tally.scenario.id, tally.scenario.kind, tally.scenario.target,
                String(point.periodization.stages.count), CSVText.number(comparison.ari),
                String(comparison.labelChanges.count), String(tally.replicates),
            ])
        }
        return OutputFile(name: "sensitivity_by_region.csv", text: csv.text)
    }

    package static func stages(_ results: JobResults) -> OutputFile {
        var csv = CSVText(header: [
            "scenario", "stage", "start", "end", "label", "baseline_label_at_start",
            "start_lo95", "start_hi95",
        ])
        let base = results.periodization
        let baseRows = base.stageOfRow
        let first = results.series.years.first ?? 0
        for tally in results.scenarios {
            guard let point = tally.point else { continue }
            for stage in point.periodization.stages {
                let j = stage.number - 2
                let interval = j >= 0 && tally.replicates > 0 ? tally.interval(j, level: 0.95) : nil
                let row = stage.startYear - first
                let baseLabel = baseRows.indices.contains(row) ? base.stages[baseRows[row] - 1].label : ""
                csv.append([
                    tally.scenario.id, String(stage.number), String(stage.startYear), String(stage.endYear),
                    stage.label, baseLabel, interval.map { String($0[0]) } ?? "",
                    interval.map { String($0[1]) } ?? "",
                ])
            }
        }
        return OutputFile(name: "sensitivity_stages.csv", text: csv.text)
    }

    package static func shifts(_ results: JobResults) -> OutputFile {
        var csv = CSVText(header: ["scenario", "baseline_transition", "baseline_year", "nearest_year", "shift"])
        let base = results.periodization
        for tally in results.scenarios {
            guard let point = tally.point else { continue }
            let comparison = Comparison(point: point, baseline: base)
            for (j, year) in base.transitionYears.enumerated() {
                let shift = comparison.shifts[j]
                csv.append([
                    tally.scenario.id, String(j + 1), String(year), shift.map { String(year + $0) } ?? "",
                    shift.map(String.init) ?? "",
                ])
            }
        }
        return OutputFile(name: "sensitivity_shifts.csv", text: csv.text)
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
            let baseRows = base.stageOfRow
            let rows = p.stageOfRow
            labelChanges = rows.indices.compactMap { t in
                let a = base.stages[baseRows[t] - 1].label
                let b = p.stages[rows[t] - 1].label
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
