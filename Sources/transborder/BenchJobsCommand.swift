import ArgumentParser
import ClusterSupport
import Foundation

/// `transborder bench jobs`: the coordinator's memory and store as finished jobs pile up,
/// to show that neither grows with jobs that are done (docs/PERFORMANCE.md).
struct BenchJobsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jobs",
        abstract: "The coordinator's memory and store size over many finished jobs.",
        discussion: """
            Submits one-task noop jobs in waves of 50 to a coordinator process with a durable \
            store and --workers workers, and at each count of --jobs prints the coordinator's \
            VmRSS, RssAnon and VmHWM (/proc/PID/status) and its store and WAL sizes.
            """
    )

    @Option(help: "Finished-job counts at which to sample, comma-separated and ascending.")
    var jobs: String = "1000,10000"

    @Option(help: "The transborder binary to run as the coordinator, to compare with another build (default: this one).")
    var coordinatorBinary: String?

    @OptionGroup var workers: WorkerProcessCount<BenchProcessDefaults>

    @OptionGroup var logging: ClusterLoggingOptions

    func validate() throws {
        guard let counts = checkpoints, !counts.isEmpty, counts == counts.sorted(), counts.allSatisfy({ $0 > 0 }) else {
            throw ValidationError("--jobs: ascending positive counts, e.g. 1000,10000")
        }
    }

    /// `--jobs` as counts; nil when a part is not a whole number.
    var checkpoints: [Int]? {
        let counts = jobs.split(separator: ",").map { Int($0) }
        return counts.contains(nil) ? nil : counts.compactMap { $0 }
    }

    func run() throws {
        _ = logging.logger("bench")
        try reportingClientErrors("bench") {
            let executable = BenchCommand.executable
            let coordinator = coordinatorBinary.map { URL(fileURLWithPath: $0) }
            print("coordinator: \(coordinator?.path ?? executable.path)")
            print("jobs  VmRSS_kB  RssAnon_kB  VmHWM_kB  store_bytes  wal_bytes  seconds")
            try RetentionBenchmark.run(
                checkpoints: checkpoints ?? [], workers: workers.workers, executable: executable, coordinatorExecutable: coordinator
            ) { sample in
                print(
                    "\(sample.jobs)  \(sample.memory.residentKilobytes)  \(sample.memory.anonymousKilobytes)  \(sample.memory.peakKilobytes)  \(sample.storeBytes)  \(sample.walBytes)  \(String(format: "%.1f", sample.seconds))"
                )
            }
        }
    }
}
