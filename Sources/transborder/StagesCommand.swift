import Analysis
import ArgumentParser
import CooperationNetwork
import Foundation
import JobFiles
import Reports
import StageTransition

/// `transborder stages`: change points and periods of one indicator series,
/// with ruptures 1.1.10's conventions (docs/CONVENTIONS.md §7, jump = 1).
/// A stable contract: options, JSON shape and CSV columns do not change.
struct StagesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stages",
        abstract: "Change points and periods of a yearly indicator series (ruptures conventions).",
        discussion: """
            SERIES.csv has the header year,<indicator>,... (or t,<indicator>,...):
            one row per time step (numeric and strictly increasing), one column per
            indicator, every cell a finite number. A UTF-8 byte order mark and
            CRLF line ends are accepted.

            Columns are standardized (z-scores, population standard deviation; a
            constant column becomes zeros) unless --no-standardize. jump = 1;
            --min-size binds every segment (the normal cost needs at least 2).
              dynp  exact optimum (ruptures Dynp): --breaks K, or K in
                    0..--max-breaks (default 5) minimizing cost(K) + pen·(K+1)
                    with --penalty (default bic)
              pelt  PELT (ruptures Pelt) for --penalty (default bic)
            Penalties (p = d for l2, d + d(d+1)/2 for normal; n rows):
              bic   2·p·ln n (σ = 1: meant for standardized columns)
              mbic  modified BIC (Zhang & Siegmund 2007): 3·p·ln n per segment
                    plus p·ln(length/n) for each segment
              VALUE a number ≥ 0 on the cost scale, charged per segment
                    (ruptures's pen)

            Output: JSON {"breakpoints": [<segment end indices, last = n>],
            "periods": [{"start": <t>, "end": <t>}, ...], "cost": <sum of the
            segment costs, penalty excluded>}, or CSV with one row per period:
            period,start,end,end_index,cost (that period's own cost). Bad input
            is reported on stderr as file:line: field 'x': message, with exit
            status 2 and nothing on stdout.
            """
    )

    @Argument(help: "Series CSV with the header year,<indicator>,... (t is accepted for the first column).")
    var series: String

    @Option(help: ArgumentHelp("dynp (exact optimum) or pelt.", valueName: "dynp|pelt"))
    var method: Method = .dynp

    @Option(help: "dynp only: the number of breaks (default: chosen by --penalty).")
    var breaks: Int?

    @Option(help: ArgumentHelp("bic, mbic or a number ≥ 0 (default bic).", valueName: "bic|mbic|VALUE"))
    var penalty: PenaltyArgument?

    @Option(help: "Minimum segment length in rows, for every segment.")
    var minSize: Int = 3

    @Option(help: ArgumentHelp("l2 (mean changes) or normal (mean and covariance changes).", valueName: "l2|normal"))
    var cost: Cost = .l2

    @Flag(help: "Keep raw values (no z-scores).")
    var noStandardize = false

    @Option(help: "dynp with automatic K: the largest number of breaks tried (default 5).")
    var maxBreaks: Int?

    @Option(help: ArgumentHelp("Output format on stdout: json or csv.", valueName: "json|csv"))
    var format: Format = .json

    @Flag(
        help: ArgumentHelp(
            "Print the penalty path instead: every optimal segmentation for penalties from 0.1× to 10× the chosen one, with the interval in which each is optimal (JSON).",
            discussion: "Exact, from the dynamic programme over 0…--max-breaks breaks (the set CROPS finds)."))
    var penaltyPath = false

    func validate() throws {
        guard minSize >= 1 else { throw ValidationError("--min-size must be at least 1") }
        if let breaks {
            guard breaks >= 0 else { throw ValidationError("--breaks must be at least 0") }
            guard method == .dynp else { throw ValidationError("--breaks needs --method dynp (pelt chooses the breaks by --penalty)") }
            guard penalty == nil else { throw ValidationError("give either --breaks or --penalty, not both") }
            guard maxBreaks == nil else { throw ValidationError("--max-breaks applies only when --breaks is not given") }
        }
        if let maxBreaks {
            guard maxBreaks >= 0 else { throw ValidationError("--max-breaks must be at least 0") }
            guard method == .dynp else { throw ValidationError("--max-breaks applies to --method dynp only") }
        }
    }

    var settings: SegmentationSettings {
        SegmentationSettings(
            method: method.method, cost: cost.model, minSize: minSize, breaks: breaks,
            maxBreaks: maxBreaks ?? 5, penalty: penalty?.penalty ?? .bic,
            standardize: !noStandardize)
    }

    func run() throws {
        let settings = self.settings
        if penaltyPath {
            try printPenaltyPath(settings)
            return
        }
        let (table, segmentation, costs) = try reportingInputErrors {
            let table = try SeriesTable(path: series)
            do {
                let result = try ChangePoints.segment(table.signal, settings: settings)
                let input = settings.standardize ? table.signal.standardized() : table.signal
                let costs = try ChangePoints.segmentCosts(of: result.breakpoints, in: input, cost: settings.cost)
                return (table, result, costs)
            } catch {
                throw InputError(file: series, "\(error)")
            }
        }
        let text: String
        switch format {
        case .json: text = Self.json(segmentation, times: table.times)
        case .csv: text = Self.csv(segmentation, times: table.times, costs: costs)
        }
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}

extension StagesCommand {
    /// `--penalty-path`: the path as JSON, segments by increasing penalty.
    func printPenaltyPath(_ settings: SegmentationSettings) throws {
        let (table, path) = try reportingInputErrors {
            let table = try SeriesTable(path: series)
            do {
                let input = settings.standardize ? table.signal.standardized() : table.signal
                // penaltyPath caps max_breaks at what min_size lets fit, as `automatic` does.
                return (
                    table,
                    try ChangePoints.penaltyPath(
                        input, penalty: settings.penalty, maxBreaks: settings.maxBreaks,
                        cost: settings.cost, minSize: settings.minSize)
                )
            } catch {
                throw InputError(file: series, "\(error)")
            }
        }
        let rows = path.segments.map { segment in
            let transitions = segment.breakpoints.dropLast().map { index in
                let t = table.times[index]
                return t.rounded() == t && abs(t) < 1e15 ? String(Int(t)) : String(t)
            }.joined(separator: ", ")
            return "    {\"penalty_lo\": \(segment.penaltyLow), \"penalty_hi\": \(segment.penaltyHigh), "
                + "\"stages\": \(segment.stages), \"transitions\": [\(transitions)], \"cost\": \(segment.cost)}"
        }
        let text = "{\"chosen_penalty\": \(path.chosenPenalty), \"path\": [\n" + rows.joined(separator: ",\n") + "\n]}\n"
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    enum Method: String, CaseIterable, ExpressibleByArgument {
        case dynp, pelt
        var method: SegmentationSettings.Method { self == .dynp ? .dynp : .pelt }
    }

    enum Cost: String, CaseIterable, ExpressibleByArgument {
        case l2, normal
        var model: CostModel { self == .l2 ? .l2 : .normal }
    }

    enum Format: String, CaseIterable, ExpressibleByArgument {
        case json, csv
    }

    /// `--penalty bic|bic_unit|mbic|VALUE`.
    struct PenaltyArgument: ExpressibleByArgument, Equatable {
        var penalty: Penalty

        init?(argument: String) {
            if let named = Penalty(name: argument.lowercased()) {
                penalty = named
            } else {
                guard let value = Double(argument), value.isFinite, value >= 0 else { return nil }
                penalty = .value(value)
            }
        }
    }

    static func json(_ segmentation: Segmentation, times: [Double]) -> String {
        let periods = segmentation.segments.map { range in
            "{\"start\": \(SeriesTable.number(times[range.lowerBound])), \"end\": \(SeriesTable.number(times[range.upperBound - 1]))}"
        }
        return """
            {"breakpoints": [\(segmentation.breakpoints.map(String.init).joined(separator: ", "))], \
            "periods": [\(periods.joined(separator: ", "))], \
            "cost": \(JSONText.number(segmentation.cost))}

            """
    }

    /// RFC 4180 with LF line ends, as every output table (`CSVText`).
    static func csv(_ segmentation: Segmentation, times: [Double], costs: [Double]) -> String {
        var csv = CSVText(header: ["period", "start", "end", "end_index", "cost"])
        for (index, range) in segmentation.segments.enumerated() {
            csv.append([
                String(index + 1), SeriesTable.number(times[range.lowerBound]),
                SeriesTable.number(times[range.upperBound - 1]), String(range.upperBound),
                JSONText.number(costs[index]),
            ])
        }
        return csv.text
    }
}
