import Analysis
import ArgumentParser
import CooperationNetwork
import Foundation
import JobFiles

/// `transborder validate JOB`: loads the spec and the data with the same code
/// as `run`, reports every issue (file:line: field 'x': message, exit 2) or a
/// short summary of what would run (exit 0). Writes nothing.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a job spec and its data without running it.",
        discussion: """
            JOB is a job.yaml, job.yml or job.json file, or a folder holding one (looked for in that order). \
            The spec's data paths are relative to the spec's folder. Every problem in the spec, places.csv and \
            links.csv is listed on stderr as file:line: field 'x': message (up to 50), with exit status 2.

            On success a summary goes to stdout (exit 0): places per country and region, years, link rows and \
            pairs per layer, the places' bounding box, the share of estimated weights, the planned scenarios; \
            --format json prints the same as one JSON object. Warnings (stderr; in JSON under "warnings"): \
            years without links, places outside their country's extent in Natural Earth (swapped latitude \
            and longitude?). Nothing is written. Format: docs/JOB_SPEC.md.
            """
    )

    @Argument(help: "A job spec file (job.yaml/job.yml/job.json) or a folder holding one.")
    var job: String

    @Option(help: "Output format of the summary: text or json.")
    var format: OutputFormat = .text

    func run() throws {
        let loaded = try reportingInputErrors { try JobLoader.load(path: job) }
        let overview = JobOverview(loaded)
        switch format {
        case .json:
            print(overview.json())
        case .text:
            print(Self.summary(loaded), terminator: "")
            print(overview.textLines().joined(separator: "\n"))
            for warning in overview.warnings { printError("warning: \(warning)") }
        }
    }

    /// The summary printed on success.
    static func summary(_ job: LoadedJob) -> String {
        let panel = job.panel
        let spec = job.spec
        func counts<T: Hashable & Comparable>(_ values: [T], _ name: (T) -> String) -> String {
            Dictionary(grouping: values, by: { $0 }).sorted { $0.key < $1.key }
                .map { "\(name($0.key)) \($0.value.count)" }.joined(separator: ", ")
        }
        let estimated = panel.links.filter(\.estimated).count
        let scenarios = Scenario.planned(by: spec.sensitivity, panel: panel)
        let kinds = counts(scenarios.map(\.kind)) { $0 }
        let breaks = spec.stages.breaks.map { "\($0) breaks" } ?? "breaks auto (0–\(spec.stages.maxBreaks))"
        let penalty = spec.stages.penalty.name
        let lines = [
            "\(job.directory.specPath): job '\(spec.name)' is valid",
            "  places     \(panel.places.count) (\(counts(panel.places.map(\.country)) { $0 }); "
                + "\(counts(panel.places.map(\.scale)) { $0.rawValue }))",
            "  links      \(panel.links.count) (\(estimated) estimated), \(panel.directed ? "directed" : "undirected")",
            "  years      \(panel.years.lowerBound)–\(panel.years.upperBound) (\(panel.yearCount))",
            "  layers     \(panel.layers.map(\.rawValue).joined(separator: ", "))",
            "  regions    \(panel.regions.count): \(panel.regions.joined(separator: ", "))",
            "  stages     \(spec.stages.method.rawValue), cost \(spec.stages.cost.rawValue), \(breaks), "
                + "penalty \(penalty), min_size \(spec.stages.minSize)",
            "  bootstrap  \(spec.bootstrap.replicates) \(spec.bootstrap.scheme.rawValue) replicates, "
                + "seed \(spec.bootstrap.seed), batch_size \(spec.bootstrap.batchSize)",
            "  scenarios  \(scenarios.count) (\(kinds))",
        ]
        return lines.joined(separator: "\n") + "\n"
    }
}
