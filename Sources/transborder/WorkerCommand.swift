import ArgumentParser
import Cluster
import Foundation

/// `transborder worker`: compute tasks for a coordinator.
struct WorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Compute tasks for a coordinator.",
        discussion: """
            Connects a DEALER to the coordinator, registers (READY) with its thread count and \
            credit, and computes the tasks it is sent, fetching each job's data once. If the \
            coordinator goes silent the worker reconnects with backoff (1 s … 32 s) and \
            registers again. SIGTERM or SIGINT: hand back queued tasks, finish running ones, \
            leave, exit 0. Exit status 1 when the coordinator refuses the worker: at once for \
            another protocol version or another worker registered with the same --name (names \
            must be unique); after 3 refusals in a row (backoff 1 s, 2 s between them) when it \
            refuses this CURVE key (not, or no longer, in its --authorized-keys; a connected \
            worker whose key is removed is disconnected and counts it as the first), or the \
            security mechanism or --server-key cannot match (a wrong --server-key shows only as \
            a broken handshake and silence: about 18 s) — unless --retry-refused is given, \
            which keeps trying with backoff (up to 32 s) until the key is authorized. Queued \
            tasks the coordinator revokes (job cancelled, lease expired) are dropped.
            """
    )

    @Option(help: "Coordinator endpoint, e.g. tcp://HOST:5555 or ipc://PATH.")
    var connect: String

    @Option(help: "Tasks computed concurrently.")
    var threads: Int = 1

    @Option(help: "Name shown in the coordinator's logs and status (default: host-pid).")
    var name: String?

    @Option(help: "Tasks held at once, computing or queued (default: 4 × threads).")
    var credit: Int?

    @Option(help: "Seconds of coordinator silence before reconnecting.")
    var heartbeatTimeout: Double = 5

    @Option(
        help:
            "Drain and exit when this process is no longer the worker's parent (set by `transborder run` to its own pid, so no worker outlives a killed run); such a worker also leaves without waiting for its goodbye to be delivered, as its coordinator stops with it."
    )
    var parentPid: Int32?

    @Flag(
        help:
            "Keep reconnecting (backoff up to 32 s) when the coordinator refuses this worker's CURVE key, instead of exiting with status 1 after 3 refusals in a row: for a worker started before its key is authorized."
    )
    var retryRefused = false

    @OptionGroup var curve: CurveClientOptions

    @OptionGroup var logging: ClusterLoggingOptions

    func validate() throws {
        guard (1...4096).contains(threads) else { throw ValidationError("--threads must be 1…4096") }
        if let credit { guard (1...65536).contains(credit) else { throw ValidationError("--credit must be 1…65536") } }
        if let name { guard !name.isEmpty, name.utf8.count <= 255 else { throw ValidationError("--name must be 1–255 bytes") } }
    }

    func run() throws {
        let logger = logging.logger("worker")
        let stop = StopSignal.onTermination()
        if let parentPid { ParentWatch.start(parent: parentPid) }
        let workerName = name ?? "\(ProcessInfo.processInfo.hostName)-\(getpid())"
        var config = WorkerConfiguration(
            endpoint: connect, name: workerName, threads: threads, credit: credit,
            backends: BackendRegistry.all)
        config.heartbeatTimeout = heartbeatTimeout
        if retryRefused { config.refusalLimit = nil }
        // A worker of `run` (it names its parent) stops together with that run's coordinator:
        // its goodbye needs no time to arrive.
        if parentPid != nil { config.goodbyeSeconds = 0 }
        config.curve = try reportingInputErrors { try curve.credentials() }
        do {
            let loop = try WorkerLoop(configuration: config, logger: logger)
            switch try loop.run(until: stop) {
            case .stopped: return
            case .refused(let reason):
                printError("worker: refused by the coordinator: \(reason)")
                throw ExitCode(1)
            }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            printError("worker: \(error)")
            throw ExitCode(1)
        }
    }
}
