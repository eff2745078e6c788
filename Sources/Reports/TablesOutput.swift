import Analysis
import AtomicOutput
import Centrality
import CooperationNetwork

/// The long-format tables: indicators, centralities and stage labels by year,
/// centralities by period (columns and units in docs/OUTPUTS.md).
package enum TablesOutput {
    /// indicators_by_year.csv: the baseline value of every indicator with the
    /// replicates' median and percentile bands (2.5–97.5 % and 5–95 %; from a
    /// percentile sketch within 0.5 % of the exact percentiles; empty without replicates).
    package static func indicatorsByYear(_ results: JobResults) -> OutputFile {
        var csv = CSVText(header: [
            "year", "stage", "indicator", "value", "bootstrap_median",
            "band_lo95", "band_hi95", "band_lo90", "band_hi90",
        ])
        let stageOfRow = results.periodization.stageOfRow
        let tally = results.baseline
        // intensity_<layer> is a sum of given weights: printed at the data's decimals.
        let sums = results.series.columns.map { $0.hasPrefix("intensity_") }
        let panel = results.job.panel
        for (t, year) in results.series.years.enumerated() {
            for (j, column) in results.series.columns.enumerated() {
                let value = results.series.values[t][j]
                var fields = [
                    String(year), String(stageOfRow[t]), column,
                    CSVText.number(sums[j] ? panel.roundedSum(value) : value),
                ]
                if tally.replicates > 0, let b95 = tally.indicatorBand(row: t, column: j, level: 0.95),
                    let b90 = tally.indicatorBand(row: t, column: j, level: 0.90)
                {
                    fields += [
                        CSVText.number(tally.indicatorMedian(row: t, column: j)),
                        CSVText.number(b95.lowerBound), CSVText.number(b95.upperBound),
                        CSVText.number(b90.lowerBound), CSVText.number(b90.upperBound),
                    ]
                } else {
                    fields += ["", "", "", "", ""]
                }
                csv.append(fields)
            }
        }
        return OutputFile(name: "indicators_by_year.csv", text: csv.text)
    }

    /// centrality_by_year.csv: every active place, year and measure — from the baseline
    /// alone (no task result needed), so a streaming fold writes it while the tasks run.
    package static func centralityByYear(_ panel: Panel, _ centrality: [YearCentrality]) -> OutputFile {
        var csv = CSVText(header: ["place", "name", "year", "measure", "value"])
        // Places × years × measures rows (≈ 10,000 for the default job): each place's
        // quoted "id,name," and each year and measure's "year,measure," are built once,
        // not per row.
        let placeFields = panel.places.map { CSVText.quote($0.id) + "," + CSVText.quote($0.name) + "," }
        for yc in centrality {
            let year = String(yc.year)
            for measure in yc.values.keys.sorted(by: { $0.rawValue < $1.rawValue }) {
                guard let values = yc.values[measure] else { continue }
                let middle = year + "," + CSVText.quote(measure.rawValue) + ","
                // Strength is a sum of given weights: printed at the data's decimals.
                let isSum = measure == .strength
                for (i, p) in yc.activePlaces.enumerated() {
                    csv.appendRaw(placeFields[p] + middle + CSVText.number(isSum ? panel.roundedSum(values[i]) : values[i]))
                }
            }
        }
        return OutputFile(name: "centrality_by_year.csv", text: csv.text)
    }

    /// centrality_by_period.csv: per place and stage, the mean of each measure
    /// over the stage's years (inactive years count as 0) and its range across
    /// those years.
    package static func centralityByPeriod(_ results: JobResults) -> OutputFile {
        let panel = results.job.panel
        var csv = CSVText(header: [
            "place", "name", "stage", "start", "end", "measure", "mean", "min", "max",
            "years_active",
        ])
        let measures = results.centrality.first.map { $0.values.keys.sorted { $0.rawValue < $1.rawValue } } ?? []
        for stage in results.periodization.stages {
            let years = results.centrality.filter { (stage.startYear...stage.endYear).contains($0.year) }
            for measure in measures {
                let c = StageCentrality(measure: measure, years: years, placeCount: panel.places.count)
                for p in panel.places.indices where c.yearsActive[p] > 0 {
                    csv.append([
                        panel.places[p].id, panel.places[p].name, String(stage.number), String(stage.startYear),
                        String(stage.endYear), measure.rawValue, CSVText.number(c.mean[p]),
                        CSVText.number(c.min[p]), CSVText.number(c.max[p]), String(c.yearsActive[p]),
                    ])
                }
            }
        }
        return OutputFile(name: "centrality_by_period.csv", text: csv.text)
    }

    /// stage_labels_by_year.csv: for every year, the share of replicates giving each stage label.
    package static func stageLabelsByYear(_ results: JobResults) -> OutputFile {
        var csv = CSVText(header: ["year", "baseline_label", "label", "replicates", "share"])
        let tally = results.baseline
        let stageOfRow = results.periodization.stageOfRow
        for (t, year) in results.series.years.enumerated() {
            let baselineLabel = results.periodization.stages[stageOfRow[t] - 1].label
            let counts = t < tally.labelCounts.count ? tally.labelCounts[t] : [:]
            for label in counts.keys.sorted() {
                let count = counts[label] ?? 0
                csv.append([
                    String(year), baselineLabel, label, String(count),
                    CSVText.number(Double(count) / Double(max(tally.replicates, 1))),
                ])
            }
            if counts.isEmpty { csv.append([String(year), baselineLabel, "", "0", ""]) }
        }
        return OutputFile(name: "stage_labels_by_year.csv", text: csv.text)
    }
}
