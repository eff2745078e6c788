import ArgumentParser
import Foundation

/// `transborder compare RUN_A RUN_B`: what differs between two runs' output folders.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare two runs' output folders: inputs, settings, periods, transitions and labels.",
        discussion: """
            Reads periods.json and manifest.json of both folders and reports: the inputs' hashes and the \
            settings recorded in manifest.json that differ; the periods of each run with their labels; the \
            transitions paired one to one (closest first, at most 3 years apart) with their 95% bootstrap \
            intervals and whether each lies in the other's interval; the years whose stage label differs, \
            the share of years with the same label and the adjusted Rand index of the two year-to-stage \
            partitions; and which output files differ byte for byte. Exit status 0 whether or not the \
            runs differ (see "identical_outputs" in the JSON), 2 when a folder is not a run's output.
            """
    )

    @Argument(help: "The first run's output folder (A).")
    var runA: String

    @Argument(help: "The second run's output folder (B).")
    var runB: String

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func run() throws {
        let comparison = try reportingInputErrors { try RunComparison(runA, runB) }
        print(format == .json ? comparison.json() : comparison.text())
    }
}
