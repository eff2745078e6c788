import ArgumentParser

/// The default of `--credit` for a benchmark.
protocol BenchCreditDefault {
    static var credit: Int { get }
}

/// `bench cluster`: 1024 tasks in flight per worker, enough to keep every stage of the
/// pipeline busy with tasks that take microseconds.
enum ThroughputCredit: BenchCreditDefault { static let credit = 1024 }

/// `bench fairness`: 4, as a cluster of tasks that take milliseconds runs, so that the
/// schedule (not a deep queue per worker) decides which job's tasks go next.
enum SchedulingCredit: BenchCreditDefault { static let credit = 4 }

/// `--credit N` of the benchmarks that start workers: the tasks each may hold at once.
struct BenchCreditOptions<Default: BenchCreditDefault>: ParsableArguments {
    @Option(help: "Tasks in flight per worker (its credit in READY, 1–65536).")
    var credit: Int = Default.credit

    func validate() throws {
        guard (1...65_536).contains(credit) else { throw ValidationError("--credit must be 1…65536") }
    }
}
