import ArgumentParser
import AtomicOutput
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

    @Argument(help: "Job folder or its job.yaml.")
    var job: String

    @OptionGroup var endpoint: ClusterEndpointOptions

    @Flag(help: "Wait for the job, showing progress, then fetch its results.")
    var wait = false

    @Option(help: "Folder for the results with --wait (default: results/<job id>); must be new or empty (see --force).")
    var out: String?

    @Flag(help: "With --wait: replace --out when it holds a previous run's outputs.")
    var force = false

    /// Internal: `noop`/`failing` backends for tests and benchmarks (hidden from help).
    @Option(help: ArgumentHelp("Job kind (backend): analysis, or noop/failing for tests and benchmarks.", visibility: .hidden))
    var kind: String = "analysis"

    @OptionGroup var logging: ClusterLoggingOptions

    func run() throws {
        _ = logging.logger("client")
        try reportingClientErrors("submit") {
            let bundle = try makeBundle(jobPath: job, kind: kind).bundle
            // With --wait the folder is checked and reserved before the job is sent.
            let destination = try wait ? OutputDestination.reserve(URL(fileURLWithPath: out ?? "results/\(bundle.jobID)"),
                                                                   replacing: force) : nil
            do {
                let client = try endpoint.client()
                let id = try client.submit(bundle)
                guard let destination else {
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
                let names = try client.fetch(job: id, into: destination.staging)
                try destination.commitStaged()
                printError("fetched \(names.count) files into \(destination.url.path)")
            } catch {
                destination?.abandon()
                throw error
            }
            print(bundle.jobID)
        }
    }
}
