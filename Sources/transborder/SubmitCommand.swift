import ArgumentParser
import Cluster
import Foundation

/// `transborder submit`: send a job to a coordinator.
struct SubmitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Submit a job to a coordinator.",
        discussion: """
        Without --wait prints only the job id on stdout (scripts capture it). With --wait \
        shows progress on stderr (a bar on a terminal, plain lines otherwise), then fetches \
        the result files into --out. Submitting the same job again returns the same id. \
        Exit status: 0 done, 1 failed/cancelled or coordinator error, 2 bad input.
        """
    )

    @Argument(help: "Job folder or job.yaml (analysis), or a spec file for --kind noop/failing.")
    var job: String

    @OptionGroup var endpoint: ClusterEndpointOptions

    @Flag(help: "Wait for the job, showing progress, then fetch its results.")
    var wait = false

    @Option(help: "Folder for the results with --wait (default: results/<job id>).")
    var out: String?

    @Option(help: "Job kind (backend): analysis, or noop/failing for tests and benchmarks.")
    var kind: String = "analysis"

    @OptionGroup var logging: ClusterLoggingOptions

    func run() throws {
        _ = logging.logger("client")
        try reportingClientErrors("submit") {
            let bundle = try makeBundle(jobPath: job, kind: kind).bundle
            let client = try endpoint.client()
            let id = try client.submit(bundle)
            guard wait else {
                print(id)
                return
            }
            printError("submitted job \(id)")
            var display = ProgressDisplay()
            let final = try client.wait(job: id) { display.show($0) }
            display.finish()
            guard final.state == "done" else {
                printError("job \(id) \(final.state)\(final.error.map { ": \($0)" } ?? "")")
                throw ExitCode(1)
            }
            let folder = URL(fileURLWithPath: out ?? "results/\(id)")
            let names = try client.fetch(job: id, into: folder)
            printError("fetched \(names.count) files into \(folder.path)")
            print(id)
        }
    }
}
