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
            shows progress on stderr (a bar on a terminal, plain lines otherwise; it says when \
            no worker is connected), then fetches the result files into --out. Submitting the \
            same job again returns the same id and says what happened on stderr: already done \
            (results reused, nothing computed), already queued or running, or resumed after a \
            failure or cancel. The progress line says "waiting for workers" while no eligible \
            worker is connected. A coordinator that does not answer is retried on a fresh \
            connection, with a notice every 10 s, until --wait-timeout (default: never with \
            --wait, 30s without); submitting again later resumes the job. Exit status: 0 done \
            (or submitted, without --wait); 1 the job failed or was cancelled, or a coordinator \
            error or refusal; 2 bad input; 75 the coordinator did not answer within \
            --wait-timeout; 130/143 interrupted (Ctrl-C, SIGTERM).
            """
    )

    @Argument(help: "Job folder or its job.yaml.")
    var job: String

    @OptionGroup var endpoint: ClusterEndpointOptions

    @OptionGroup var patience: ClientPatienceOptions

    @Flag(help: "Wait for the job, showing progress, then fetch its results.")
    var wait = false

    @Option(help: "Folder for the results with --wait (default: results/<job id>); must be new or empty (see --force).")
    var out: String?

    @Flag(help: "With --wait: replace --out when it holds a previous run's outputs.")
    var force = false

    /// Internal: `noop`/`failing` backends for tests and benchmarks (hidden from help).
    @Option(help: ArgumentHelp("Job kind (backend): analysis, or noop/failing for tests and benchmarks.", visibility: .hidden))
    var kind: String = "analysis"

    @Option(
        help:
            "Name shown by `status` and usable instead of the id (default: the spec's `name` for analysis, else the spec file's name without extension)."
    )
    var name: String?

    @Option(
        help:
            "Fair-share weight, 1–255: while jobs compete, this job holds about N times the task slots of a priority-1 job. Not part of the job's identity or outputs; submitting a queued or running job again with --priority changes it. Default: 1 (a known job keeps its own)."
    )
    var priority: Int?

    @OptionGroup var logging: ClusterLoggingOptions

    func validate() throws {
        if let name { guard name.utf8.count <= 255 else { throw ValidationError("--name must be at most 255 bytes") } }
        if let priority {
            guard (1...255).contains(priority) else { throw ValidationError("--priority must be 1…255, got \(priority)") }
        }
    }

    func run() throws {
        _ = logging.logger("client")
        try reportingClientErrors("submit") {
            let (bundle, prepared) = try makeBundle(jobPath: job, kind: kind)
            let jobName =
                name ?? (prepared as? PreparedAnalysis)?.job.spec.name
                ?? URL(fileURLWithPath: job).deletingPathExtension().lastPathComponent
            // With --wait the folder is checked and reserved before the job is sent.
            let destination =
                try wait
                ? OutputDestination.reserve(
                    URL(fileURLWithPath: out ?? "results/\(bundle.jobID)"),
                    replacing: force) : nil
            let cleanup = destination.map(TerminationCleanup.init)
            defer { cleanup?.disarm() }
            do {
                let client = try endpoint.client(
                    patience: patience, default: wait ? nil : ClientPatienceOptions.defaultSeconds,
                    hint: "resubmitting later resumes the job")
                let (id, disposition) = try client.persistently {
                    try client.submitReporting(bundle, name: jobName, priority: priority)
                }
                switch disposition {
                case .new: if wait { printError("submitted job \(id) (\(jobName))") }
                case .resumed: printError("job \(id) submitted again: resuming it (stored results are kept)")
                case .alreadyActive: printError("job \(id) is already queued or running: nothing changed")
                case .alreadyDone: printError("job \(id) already done — results reused")
                }
                guard let destination else {
                    print(id)
                    return
                }
                var display = ProgressDisplay()
                var reportedWorkers: Int?
                var reportedIneligible = false
                let final = try client.wait(job: id) { status in
                    // Say when no worker is connected (the job cannot progress) and when one comes.
                    if status.workersConnected != reportedWorkers {
                        if status.workersConnected == 0 && !status.isFinished {
                            printError(
                                "no workers connected to \(client.endpoint): the job waits until one registers (transborder worker --connect \(client.endpoint))"
                            )
                        } else if reportedWorkers == 0 {
                            printError("\(status.workersConnected) worker\(status.workersConnected == 1 ? "" : "s") connected")
                        }
                        reportedWorkers = status.workersConnected
                    }
                    // Workers connected but none may take this job (all quarantined for it).
                    let ineligible = status.waitingForWorkers && status.workersConnected > 0
                    if ineligible && !reportedIneligible {
                        printError(
                            "no eligible worker: the \(status.workersConnected) connected are quarantined for this job; it waits until another registers"
                        )
                    }
                    reportedIneligible = ineligible
                    display.show(status)
                }
                display.finish()
                guard final.state == .done else {
                    printError("job \(id) \(final.state)\(final.error.map { ": \($0)" } ?? "")")
                    throw ExitCode(1)
                }
                let names = try client.persistently { try client.fetch(job: id, into: destination.staging) }
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
