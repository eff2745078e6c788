import Analysis
import AtomicOutput
import StageTransition

/// penalty_path.csv: every optimal segmentation of the baseline for
/// penalties from 0.1× to 10× the chosen one (docs/METHODS.md §4), from the
/// smallest penalty (most stages) up, in long format: one row per stage of
/// each segmentation (its penalty interval, number of stages, cost and
/// whether it is the job's repeat on every row).
package enum PenaltyPathOutput {
    package static func csv(_ results: JobResults) -> OutputFile {
        let path = results.penaltyPath
        var csv = CSVText(header: ["penalty_lo", "penalty_hi", "stages", "cost", "chosen", "stage", "start", "end"])
        let years = results.series.years
        let chosen = results.periodization.breakpoints
        for segment in path.segments {
            var start = 0
            for (k, end) in segment.breakpoints.enumerated() {
                csv.append([
                    CSVText.number(segment.penaltyLow), CSVText.number(segment.penaltyHigh),
                    String(segment.stages), CSVText.number(segment.cost),
                    segment.breakpoints == chosen ? "true" : "false",
                    String(k + 1), String(years[start]), String(years[end - 1]),
                ])
                start = end
            }
        }
        return OutputFile(name: "penalty_path.csv", text: csv.text)
    }
}
