import Analysis
import ArgumentParser
import Foundation
import JobFiles
import Reports

/// `transborder indicators`: the per-year indicator table of a job's panel.
struct IndicatorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "indicators",
        abstract: "The per-year network indicator table of a panel or job.",
        discussion: """
            JOB is a job folder (holding job.yaml/job.json with places.csv and links.csv) or a spec file. \
            Columns (docs/METHODS.md §3): density, betweenness_centralization, top3_strength_share, \
            strength_gini, cross_border_share, share_<layer> for every layer, scale_share_<scale>, reach_km.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case csv, json }

    @Argument(help: "Job folder or job spec file (YAML/JSON).")
    var job: String

    @Option(help: "Output format: csv (year,<indicator>,… — the input of `transborder stages`) or json.")
    var format: Format = .csv

    func run() throws {
        let loaded = try reportingInputErrors { try JobLoader.load(path: job) }
        let analysis = PanelAnalysis(panel: loaded.panel, spec: loaded.spec)
        let (series, _) = analysis.indicators(weights: loaded.panel.links.map(\.weight), fullCentrality: false)
        switch format {
        case .csv:
            var csv = CSVText(header: ["year"] + series.columns)
            for (t, year) in series.years.enumerated() {
                csv.append([String(year)] + series.values[t].map(CSVText.number))
            }
            print(csv.text, terminator: "")
        case .json:
            struct Document: Encodable {
                var years: [Int]
                var columns: [String]
                var values: [[Double]]
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            let data = try encoder.encode(Document(years: series.years, columns: series.columns, values: series.values))
            print(String(decoding: data, as: UTF8.self))
        }
    }
}
