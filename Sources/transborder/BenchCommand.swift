import ArgumentParser
import Cluster
import ClusterProtocol
import ClusterSupport
import Foundation

/// `transborder bench`: built-in benchmarks.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Built-in benchmarks (e.g. bench cluster).",
        discussion: """
            `bench cluster --tasks N --workers W --transport tcp|ipc` runs N noop tasks end to \
            end through a real coordinator (in this process), its SQLite store (every result \
            committed before it is acknowledged) and W worker processes; it waits for the \
            workers to register, then times submit → job done (aggregate written) and prints a \
            last line `tasks/s: <number>`.
            """
    )

    @Argument(
        help:
            "Benchmark to run: cluster; raw (pipelined DEALER->ROUTER messages/s, the ceiling, --tasks messages); codec (binary frames vs JSON, messages/s)."
    )
    var name: String

    @Option(help: "Number of noop tasks.")
    var tasks: Int = 200_000

    @OptionGroup var processes: LocalProcessOptions<BenchProcessDefaults>

    @Option(help: "Credit per worker (tasks in flight).")
    var credit: Int = 1024

    @Option(help: "Result bytes per task.")
    var payloadBytes: Int = 8

    @OptionGroup var logging: ClusterLoggingOptions

    func validate() throws {
        guard ["cluster", "raw", "codec"].contains(name) else {
            throw ValidationError("unknown benchmark '\(name)'; available: cluster, raw, codec")
        }
        guard tasks >= 1, credit >= 1 else { throw ValidationError("--tasks and --credit must be positive") }
    }

    func run() throws {
        let logger = logging.logger("bench")
        let workers = processes.workers
        let threads = processes.threads
        let transport = processes.transport
        if name == "raw" {
            let rate = try RawZeroMQBenchmark.run(count: tasks, transport: transport)
            print("raw pipelined DEALER->ROUTER 100 B over \(transport), \(tasks) messages")
            print("messages/s: \(String(format: "%.0f", rate))")
            return
        }
        if name == "codec" {
            let rates = CodecBenchmark.run(count: tasks)
            print("binary RESULT encode+decode: \(String(format: "%.0f", rates.binary)) messages/s")
            print("JSON RESULT encode+decode: \(String(format: "%.0f", rates.json)) messages/s")
            return
        }
        try reportingClientErrors("bench") {
            let cluster = try LocalCluster(
                workers: workers, threads: threads, credit: credit,
                transport: transport,
                backends: BackendRegistry.all,
                executable: URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath(),
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
            print("transport: \(transport)  workers: \(workers)  threads: \(threads)  credit: \(credit)")
            print("tasks: \(tasks)  seconds: \(String(format: "%.3f", seconds))  retries: \(final.retries)  lost: \(final.lost)")
            print("tasks/s: \(String(format: "%.0f", Double(tasks) / seconds))")
        }
    }
}
