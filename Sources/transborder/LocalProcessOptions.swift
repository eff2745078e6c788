import ArgumentParser
import Cluster

/// The defaults of `--workers` and `--transport` for a command that starts its own
/// coordinator and worker processes.
protocol LocalProcessDefaults {
    /// The fewest `--workers` the command accepts (`run` computes in-process with 0).
    static var minimumWorkers: Int { get }
    static var transport: Transport { get }
}

/// `run`: in-process with `--workers 0`; ipc between its processes.
enum RunProcessDefaults: LocalProcessDefaults {
    static let minimumWorkers = 0
    static let transport = Transport.ipc
}

/// The benchmarks (`bench cluster`, `bench fairness`, `bench jobs`): at least one
/// worker; tcp loopback, as a real cluster.
enum BenchProcessDefaults: LocalProcessDefaults {
    static let minimumWorkers = 1
    static let transport = Transport.tcp
}

/// `--workers N --threads T --transport ipc|tcp`: the local coordinator's worker
/// processes, their compute threads and how they talk (`run`, `bench cluster`).
struct LocalProcessOptions<Defaults: LocalProcessDefaults>: ParsableArguments {
    @OptionGroup var count: WorkerProcessCount<Defaults>

    /// `--workers`.
    var workers: Int { count.workers }

    @Option(help: "Compute threads per worker process\(Defaults.minimumWorkers == 0 ? ", or in this process with --workers 0" : "").")
    var threads: Int = 1

    @Option(help: "Transport between the local processes: ipc or tcp (127.0.0.1).")
    var transport: Transport = Defaults.transport

    func validate() throws {
        guard (1...4096).contains(threads) else { throw ValidationError("--threads must be 1…4096") }
    }
}

extension Transport: ExpressibleByArgument {}
