import ArgumentParser
import Cluster
import ClusterProtocol
import Foundation

/// `transborder bench cluster`: tasks per second end to end through a real coordinator,
/// its SQLite store and worker processes — the runtime's throughput, set beside the raw
/// ZeroMQ ceiling (`bench raw`) by scripts/bench-cluster.
struct BenchClusterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster",
        abstract: "Noop tasks per second end to end: coordinator, store and worker processes.",
        discussion: """
            Runs --tasks noop tasks end to end through a real coordinator (in this process), \
            its SQLite store (every result committed before it is acknowledged) and --workers \
            worker processes; waits for the workers to register, then times submit → job done \
            (aggregate written) and prints a last line `tasks/s: <number>`.
            """
    )

    @Option(help: "Noop tasks in the timed job.")
    var tasks: Int = 200_000

    @Option(help: "Result bytes per task (4–1048576).")
    var payloadBytes: Int = 8

    @OptionGroup var processes: LocalProcessOptions<BenchProcessDefaults>

    @OptionGroup var credit: BenchCreditOptions<ThroughputCredit>

    @OptionGroup var logging: ClusterLoggingOptions

    func validate() throws {
        guard tasks >= 1 else { throw ValidationError("--tasks must be positive") }
        guard (4...1_048_576).contains(payloadBytes) else { throw ValidationError("--payload-bytes must be 4…1048576") }
    }

    func run() throws {
        let logger = logging.logger("bench")
        let workers = processes.workers
        try reportingClientErrors("bench") {
            let cluster = try LocalCluster(
                workers: workers, threads: processes.threads, credit: credit.credit, transport: processes.transport,
                backends: BackendRegistry.all, executable: BenchCommand.executable,
                workerArguments: ["--log-level", "warning"], logger: logger)
            defer { cluster.stop() }
            let client = try ClusterClient(endpoint: cluster.endpoint, timeout: 30)
            defer { client.close() }
            let waitUntil = Date().addingTimeInterval(30)
            while try client.clusterStatus().workers.count < workers {
                guard Date() < waitUntil else { throw ClientError.timeout(endpoint: cluster.endpoint, seconds: 30) }
                usleep(20_000)
            }
            // nondeterministic-ok: a new job (bundle hash) per benchmark run
            let spec = "{\"tasks\": \(tasks), \"payload_bytes\": \(payloadBytes), \"nonce\": \"\(UUID().uuidString)\"}"
            let bundle = JobBundle(kind: "noop", spec: Data(spec.utf8))
            let start = Date()
            let id = try client.submit(bundle)
            let final = try client.wait(job: id, interval: 0.005)
            let seconds = Date().timeIntervalSince(start)
            guard final.state == .done else {
                printError("bench: job \(final.state): \(final.error ?? "")")
                throw ExitCode(1)
            }
            print("transport: \(processes.transport)  workers: \(workers)  threads: \(processes.threads)  credit: \(credit.credit)")
            print("tasks: \(tasks)  seconds: \(String(format: "%.3f", seconds))  retries: \(final.retries)  lost: \(final.lost)")
            print("tasks/s: \(String(format: "%.0f", Double(tasks) / seconds))")
        }
    }
}
