import ArgumentParser
import Foundation
import Reports

/// `transborder summary`: the periods of a finished job, as a short table.
struct SummaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "Print the periods table of a finished job's output folder (reads periods.json)."
    )

    @Argument(help: "A job's output folder (holding periods.json).")
    var folder: String

    @Option(help: "Output format: text, or json (the same fields: job, bootstrap, periods; absent values left out).")
    var format: OutputFormat = .text

    struct Document: Codable {
        struct Period: Codable {
            var stage: Int
            var start: Int
            var end: Int
            var name: String
            var start_interval95: [Int]?
            var start_within_1y: Double?
            var start_support: Double?
            var weak: Bool?
            var start_date_blur: Int?
            var label: String?
            var label_probability: Double?
            var runner_up: String?
            var margin: Double?
        }
        struct Bootstrap: Codable {
            var replicates: Int
            var scheme: String
            var match_window: Int?
            var stage_count_distribution: [String: Double]?
        }
        var job: String
        var periods: [Period]
        var breaks_capped: Bool?
        var bootstrap: Bootstrap
    }

    func run() throws {
        let url = URL(fileURLWithPath: folder).appendingPathComponent("periods.json")
        guard let data = try? Data(contentsOf: url) else {
            printError("error: \(url.path): cannot read (is this a job's output folder?)")
            throw ExitCode(2)
        }
        let doc: Document
        do {
            doc = try JSONDecoder().decode(Document.self, from: data)
            if format == .json {
                print(prettyJSON(doc))
                return
            }
        } catch {
            printError("error: \(url.path): not a transborder periods.json (\(error))")
            throw ExitCode(2)
        }
        print("\(doc.job): \(doc.periods.count) stages (\(doc.bootstrap.replicates) \(doc.bootstrap.scheme) bootstrap replicates)")
        if let counts = doc.bootstrap.stage_count_distribution, !counts.isEmpty {
            let sorted = counts.keys.sorted { (Int($0) ?? 0) < (Int($1) ?? 0) }
            print(
                "replicates' number of stages: "
                    + sorted.map { k in
                        String(format: "%@: %.0f%%", k, (counts[k] ?? 0) * 100)
                    }.joined(separator: ", "))
        }
        if doc.breaks_capped == true {
            print(
                "note: the number of stages is the most max_breaks allows: the cap, not the penalty, decided it"
                    + " (see penalty_path.csv for the segmentations that hold for larger penalties)")
        }
        print(String(repeating: "-", count: 78))
        for p in doc.periods {
            let interval: String
            if let ci = p.start_interval95 {
                interval = "start \(p.start), 95% interval \(ci[0])–\(ci[1])"
            } else if p.stage == 1 {
                interval = "first stage"
            } else if doc.bootstrap.replicates > 0 {
                interval =
                    "start \(p.start), no bootstrap interval (no replicate has a transition within "
                    + "±\(doc.bootstrap.match_window ?? 2)y)"
            } else {
                interval = "start \(p.start), no bootstrap replicates"
            }
            let support = p.start_support.map { String(format: ", support %.0f%%", $0 * 100) } ?? ""
            let within = p.start_within_1y.map { String(format: ", ±1y %.0f%%", $0 * 100) } ?? ""
            let blur = (p.start_date_blur ?? 0) > 0 ? ", ties dated ±\(p.start_date_blur ?? 0)y" : ""
            let weak = p.weak == true ? "  WEAK: most replicates do not reproduce this transition" : ""
            print("\(p.stage). \(p.name)")
            print("   \(interval)\(support)\(within)\(blur)\(weak)")
            if let label = p.label {
                var line = "   label \(label)"
                if let probability = p.label_probability {
                    line += String(format: " (in %.0f%% of replicates)", probability * 100)
                }
                if let runner = p.runner_up, !runner.isEmpty, let margin = p.margin {
                    line += String(format: "; runner-up %@, margin %.2f", runner, margin)
                }
                print(line)
            }
        }
    }
}
