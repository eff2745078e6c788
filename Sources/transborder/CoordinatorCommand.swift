import ArgumentParser
import AtomicOutput
import Cluster
import Foundation

/// `transborder coordinator`: serve jobs to workers over ZeroMQ, state in a SQLite store.
struct CoordinatorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coordinator",
        abstract: "Serve jobs to workers over ZeroMQ, keeping state in a SQLite store.",
        discussion: """
            Binds a ROUTER socket that workers (`transborder worker`) and clients (`submit`, \
            `status`, `fetch`, `cancel`, `forget`, `prune`) connect to (protocol: docs/PROTOCOL.md). Every result is \
            committed to the store before it is acknowledged; restarted on the same --store after \
            a crash, the coordinator resumes unfinished jobs without recomputing finished tasks. \
            Finished jobs are written atomically into <results>/<job id>/. SIGTERM or SIGINT: stop \
            accepting, commit, release the workers and exit 0. With --authorized-keys the folder \
            is re-read when it changes (checked every second) and on SIGHUP: added keys are \
            admitted at once; a removed key is refused at its next connection, and a worker \
            connected with it is disconnected and its tasks re-queued (docs/DEPLOY.md, "Operations").
            """
    )

    @Option(help: "ZeroMQ endpoint to bind (tcp://HOST:PORT, tcp://127.0.0.1:* for any free port, ipc://PATH).")
    var bind: String = "tcp://0.0.0.0:5555"

    @Option(help: "SQLite job store (created if missing, resumed if present).")
    var store: String = "transborder-state.db"

    @Option(help: "Folder receiving one <job id>/ folder of results per finished job.")
    var results: String = "results"

    @Option(
        help:
            "A job fails once one task failed on this many distinct workers, or this many times with no other worker connected; retries go to a worker the task has not failed on."
    )
    var maxAttempts: Int = 3

    @Option(
        help:
            "Quarantine a worker for a job (it gets none of its tasks) once this many tasks it failed were completed by other workers (0: never)."
    )
    var quarantineAfter: Int = 3

    @Option(help: "Seconds of silence after which a worker is declared dead and its tasks re-queued.")
    var heartbeatTimeout: Double = 5

    @Option(help: "Seconds a worker may hold one task before it is re-queued.")
    var leaseTimeout: Double = 900

    @Option(
        help:
            "Largest accepted message in bytes; bounds job bundles. A larger client request gets ERROR 9 naming this limit (up to 4× it; beyond, libzmq drops the connection)."
    )
    var maxMessageBytes: Int = 64 * 1024 * 1024

    @Option(help: "Serve Prometheus metrics (GET /metrics, plain HTTP) on this address, e.g. 0.0.0.0:9464 (default: none).")
    var metrics: String?

    @Option(
        help:
            "Seconds between checks of --authorized-keys for changes (a stat of its .pub files); 0: re-read only on SIGHUP."
    )
    var keyCheckInterval: Double = 1

    @Option(
        help:
            "How running jobs share the workers: fair (each free task slot to the job with the fewest tasks in flight per unit of `submit --priority`) or fifo (oldest job first)."
    )
    var schedule: SchedulePolicy = .fair

    @Option(
        help:
            "Remove finished jobs (results, task history, result folder) this long after they finished, e.g. 7d; as `prune`, checked every tenth of it (1 s to 1 min). Default: keep until pruned."
    )
    var keepFinished: String?

    @Option(help: "Seconds between checkpoints that copy the store's WAL into it and truncate the WAL, while the store changes.")
    var checkpointInterval: Double = 30

    @Option(help: "Write the bound endpoint (with the chosen port) to this file once listening.")
    var endpointFile: String?

    @OptionGroup var security: CoordinatorSecurityOptions

    @OptionGroup var logging: ClusterLoggingOptions

    func validate() throws {
        guard maxAttempts >= 1 else { throw ValidationError("--max-attempts must be at least 1") }
        guard quarantineAfter >= 0 else { throw ValidationError("--quarantine-after must be 0 (never) or more") }
        guard heartbeatTimeout > 1, leaseTimeout > 0 else {
            throw ValidationError("--heartbeat-timeout must exceed 1 s and --lease-timeout be positive")
        }
        guard maxMessageBytes >= 65_536 else { throw ValidationError("--max-message-bytes must be at least 65536") }
        guard keyCheckInterval >= 0 else { throw ValidationError("--key-check-interval must be 0 (SIGHUP only) or more") }
        if let keepFinished {
            guard PruneCommand.seconds(keepFinished) != nil else {
                throw ValidationError("--keep-finished: '\(keepFinished)' is not a duration such as 90s, 45m, 12h, 30d or 2w")
            }
        }
        guard checkpointInterval > 0 else { throw ValidationError("--checkpoint-interval must be positive") }
    }

    func run() throws {
        // Before any thread starts: the heap of a process that serves for months.
        let heapConfigured = ProcessHeap.configureForService()
        let logger = logging.logger("coordinator")
        logger.debug(
            "heap settings", metadata: ["heap_settings_applied": "\(heapConfigured)", "arenas_max": "\(ProcessHeap.serviceArenas)"])
        let curve = try reportingInputErrors { try security.credentials(bind: bind) }
        let stop = StopSignal.onTermination()
        var config = CoordinatorConfiguration(
            bind: bind, storePath: store,
            resultsDirectory: URL(fileURLWithPath: results),
            backends: BackendRegistry.all)
        config.maxAttempts = maxAttempts
        config.quarantineAfter = quarantineAfter
        config.metricsBind = metrics.map { $0.hasPrefix("tcp://") ? $0 : "tcp://\($0)" }
        config.heartbeatTimeout = heartbeatTimeout
        config.leaseTimeout = leaseTimeout
        config.maxMessageBytes = maxMessageBytes
        config.curve = curve
        // SIGHUP re-reads the keys; without keys it keeps its default action (end the process).
        if curve != nil { config.keyReload = ReloadSignal.onHangup() }
        config.keyCheckInterval = keyCheckInterval
        config.schedule = schedule
        // Not `.map(Double.init)`: that reference resolves to `init(bitPattern:)` (10 s became 5e-323 s).
        config.keepFinishedSeconds = keepFinished.flatMap(PruneCommand.seconds).map { Double($0) }
        config.checkpointInterval = checkpointInterval
        if let endpointFile {
            config.onListening = { endpoint in
                try? ResultFolder.write(
                    [OutputFile(name: URL(fileURLWithPath: endpointFile).lastPathComponent, data: Data((endpoint + "\n").utf8))],
                    into: URL(fileURLWithPath: endpointFile).deletingLastPathComponent())
            }
        }
        do {
            let coordinator = try Coordinator(configuration: config, logger: logger)
            try coordinator.run(until: stop)
        } catch {
            printError("coordinator: \(error)")
            throw ExitCode(1)
        }
    }
}

extension SchedulePolicy: ExpressibleByArgument {}
