import Analysis
import AtomicOutput
import StageTransition

/// penalty_path.csv: every optimal segmentation of the baseline for
/// penalties from 0.1× to 10× the chosen one (docs/METHODS.md §4), one row
/// per penalty interval, from the smallest penalty (most stages) up.
public enum PenaltyPathOutput {
    public static func csv(_ results: JobResults) throws -> OutputFile {
        let path = try results.job.analysis.penaltyPath(results.series)
        var csv = CSVText(header: ["penalty_lo", "penalty_hi", "stages", "transitions", "cost", "chosen"])
        let years = results.series.years
        let chosen = results.periodization.breakpoints
        for segment in path.segments {
            let transitions = segment.breakpoints.dropLast().map { String(years[$0]) }.joined(separator: ";")
            csv.append([CSVText.number(segment.penaltyLow), CSVText.number(segment.penaltyHigh), String(segment.stages),
                        transitions, CSVText.number(segment.cost), segment.breakpoints == chosen ? "true" : "false"])
        }
        return OutputFile(name: "penalty_path.csv", text: csv.text)
    }
}
