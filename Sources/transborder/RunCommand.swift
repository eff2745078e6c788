import ArgumentParser
import AtomicOutput
import Cluster
import Foundation
import Logging

/// `transborder run`: a whole job on this machine.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a whole job: in-process (--workers 0) or with local worker processes.",
        discussion: """
            --out is checked first: it must be a new or empty folder (--force replaces a previous \
            run's outputs, swapped in whole at the end); nothing is computed otherwise. With \
            --workers 0 the job runs in this process on --threads threads, with a progress bar \
            (elapsed time, ETA) on a terminal. With --workers N > 0: starts a coordinator inside \
            this process on an ipc:// endpoint in a temporary folder and N `transborder worker` \
            child processes, submits the job, waits and moves the outputs into --out. The outputs \
            are byte-identical for any N and any --threads; only manifest.json records how the \
            run went. At the end the path of report.html is printed on stdout.
            """
    )

    @Argument(help: "Job folder or its job.yaml.")
    var job: String

    @OptionGroup var processes: LocalProcessOptions<RunProcessDefaults>

    @Option(help: "Output folder: created if missing; an existing one must be empty (see --force).")
    var out: String

    @Flag(help: "Replace --out when it holds a previous run's outputs (swapped in whole at the end).")
    var force = false

    /// Internal: `noop`/`failing` backends for tests and benchmarks (hidden from help).
    @Option(help: ArgumentHelp("Job kind (backend): analysis, or noop/failing for tests and benchmarks.", visibility: .hidden))
    var kind: String = "analysis"

    @OptionGroup var logging: LoggingOptions<WarningByDefault>

    func run() throws {
        let logger = logging.logger("run")
        try reportingClientErrors("run") {
            // The folder is checked and reserved before anything is computed: a bad --out costs nothing.
            let destination = try OutputDestination.reserve(URL(fileURLWithPath: out), replacing: force)
            let cleanup = TerminationCleanup(destination)
            defer { cleanup.disarm() }
            do {
                let count = try compute(into: destination, logger: logger)
                printError("wrote \(count) files into \(destination.url.path)")
                let report = destination.url.appendingPathComponent("report.html")
                if FileManager.default.fileExists(atPath: report.path) {
                    print(report.standardizedFileURL.path)  // stdout: `open "$(transborder run …)"`
                }
            } catch {
                destination.abandon()
                throw error
            }
        }
    }

    /// Computes the job and publishes its files into `destination`; returns their number.
    private func compute(into destination: OutputDestination, logger: Logger) throws -> Int {
        let workers = processes.workers
        let threads = processes.threads
        if workers == 0 {
            // The reference path: the job is parsed from the bundle bytes, as on a worker.
            let bundle = try makeBundle(jobPath: job, kind: kind).bundle
            guard let backend = BackendRegistry.all[bundle.kind] else {
                throw InputErrorForKind.unknown(bundle.kind)
            }
            var display = ProgressDisplay(label: "run")
            let files = try InProcessRun.run(bundle, backend: backend, threads: threads) { done, total in
                display.show(done: done, total: total, state: done == total ? "writing outputs" : "running")
            }
            display.finish()
            try destination.commit(files)
            return files.count
        }
        // The workers start while this process parses and checks the job (their start-up
        // and the parse overlap); on bad input they are stopped and nothing is written.
        let handoff = PreparedJobHandoff()
        let cluster = try LocalCluster(
            workers: workers, threads: threads, credit: nil,
            transport: processes.transport,
            backends: BackendRegistry.all,
            executable: URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath(),
            workerArguments: ["--log-level", logging.logLevel ?? "warning", "--parent-pid", String(getpid())],
            handoff: handoff, logger: logger)
        defer { cluster.stop() }
        let (bundle, prepared) = try makeBundle(jobPath: job, kind: kind)
        if let prepared { handoff.offer(prepared, for: bundle.contentHash) }
        let client = try ClusterClient(endpoint: cluster.endpoint, timeout: 30)
        defer { client.close() }
        let id = try client.submit(bundle)
        var display = ProgressDisplay()
        let final = try client.wait(job: id, interval: 0.05) { display.show($0) }
        display.finish()
        guard final.state == .done else {
            printError("run: job \(id) \(final.state)\(final.error.map { ": \($0)" } ?? "")")
            throw ExitCode(1)
        }
        return try destination.commit(movingFrom: cluster.resultsDirectory.appendingPathComponent(id))
    }
}

/// A kind with no backend in this build.
enum InputErrorForKind: Error, CustomStringConvertible {
    case unknown(String)
    var description: String {
        switch self {
        case .unknown(let kind): "no backend for job kind '\(kind)'"
        }
    }
}
