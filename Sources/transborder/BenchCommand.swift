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
            last line `tasks/s: <number>`. `bench fairness` times a --small-tasks job submitted \
            behind a --large-tasks job (noop tasks sleeping --task-ms each, --workers workers of \
            --credit 4) under `coordinator --schedule fifo` and `fair`, and the small job alone. \
            `bench jobs --jobs 1000,10000` submits one-task jobs in waves of 50 to a coordinator \
            process with a durable store and prints its VmRSS/VmHWM and store and WAL sizes at \
            each count (--coordinator-binary: run another build's coordinator, to compare).
            """
    )

    @Argument(
        help:
            "Benchmark to run: cluster; raw (pipelined DEALER->ROUTER messages/s, the ceiling, --tasks messages); codec (binary frames vs JSON, messages/s); fairness (small job behind a large one, fifo vs fair); jobs (coordinator memory and store over many finished jobs)."
    )
    var name: String

    @Option(help: "Number of noop tasks.")
    var tasks: Int = 200_000

    @OptionGroup var processes: LocalProcessOptions<BenchProcessDefaults>

    @Option(help: "Credit per worker (tasks in flight; default 1024, 4 for fairness).")
    var credit: Int?

    @Option(help: "fairness: tasks of the large job.")
    var largeTasks: Int = 10_000

    @Option(help: "fairness: tasks of the small job.")
    var smallTasks: Int = 10

    @Option(help: "fairness: milliseconds each noop task sleeps.")
    var taskMs: Int = 2

    @Option(help: "fairness: schedules to compare (comma-separated).")
    var schedules: String = "fifo,fair"

    @Option(help: "jobs: finished-job counts at which to sample (comma-separated, ascending).")
    var jobs: String = "1000,10000"

    @Option(help: "jobs: the transborder binary to run as the coordinator (default: this one).")
    var coordinatorBinary: String?

    @Option(help: "Result bytes per task.")
    var payloadBytes: Int = 8

    @OptionGroup var logging: ClusterLoggingOptions

    func validate() throws {
        guard ["cluster", "raw", "codec", "fairness", "jobs"].contains(name) else {
            throw ValidationError("unknown benchmark '\(name)'; available: cluster, raw, codec, fairness, jobs")
        }
        guard tasks >= 1, (credit ?? 1) >= 1 else { throw ValidationError("--tasks and --credit must be positive") }
        guard largeTasks >= 1, smallTasks >= 1, taskMs >= 0 else {
            throw ValidationError("--large-tasks and --small-tasks must be positive, --task-ms not negative")
        }
        guard schedules.split(separator: ",").allSatisfy({ SchedulePolicy(rawValue: String($0)) != nil }) else {
            throw ValidationError("--schedules: a comma-separated list of fifo and fair")
        }
        guard let counts = checkpoints, !counts.isEmpty, counts == counts.sorted(), counts.allSatisfy({ $0 > 0 }) else {
            throw ValidationError("--jobs: ascending positive counts, e.g. 1000,10000")
        }
    }

    var checkpoints: [Int]? {
        let counts = jobs.split(separator: ",").map { Int($0) }
        return counts.contains(nil) ? nil : counts.compactMap { $0 }
    }

    func run() throws {
        let logger = logging.logger("bench")
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        if name == "fairness" { return try runFairness(executable: executable) }
        if name == "jobs" { return try runJobs(executable: executable) }
        let credit = self.credit ?? 1024
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
                executable: executable,
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

    /// `bench fairness`: the small job's latency behind the large one, per schedule.
    func runFairness(executable: URL) throws {
        try reportingClientErrors("bench") {
            print(
                "large job \(largeTasks) tasks, small job \(smallTasks) tasks, \(taskMs) ms per task, \(processes.workers) workers × credit \(credit ?? 4)"
            )
            for word in schedules.split(separator: ",") {
                guard let schedule = SchedulePolicy(rawValue: String(word)) else { continue }
                var settings = FairnessBenchmark.Settings(schedule: schedule)
                settings.largeTasks = largeTasks
                settings.smallTasks = smallTasks
                settings.taskMilliseconds = taskMs
                settings.workers = processes.workers
                settings.credit = credit ?? 4
                let outcome = try FairnessBenchmark.run(settings, executable: executable)
                func s(_ x: Double) -> String { String(format: "%.3f", x) }
                print(
                    "schedule: \(schedule.rawValue)  small alone: \(s(outcome.smallAlone)) s  small behind large: \(s(outcome.smallBehindLarge)) s  large: \(s(outcome.large)) s"
                )
            }
        }
    }

    /// `bench jobs`: the coordinator's memory and store at each finished-job count.
    func runJobs(executable: URL) throws {
        try reportingClientErrors("bench") {
            let coordinator = coordinatorBinary.map { URL(fileURLWithPath: $0) }
            print("coordinator: \(coordinator?.path ?? executable.path)")
            print("jobs  VmRSS_kB  RssAnon_kB  VmHWM_kB  store_bytes  wal_bytes  seconds")
            try RetentionBenchmark.run(
                checkpoints: checkpoints ?? [], workers: processes.workers, executable: executable, coordinatorExecutable: coordinator
            ) { sample in
                print(
                    "\(sample.jobs)  \(sample.memory.residentKilobytes)  \(sample.memory.anonymousKilobytes)  \(sample.memory.peakKilobytes)  \(sample.storeBytes)  \(sample.walBytes)  \(String(format: "%.1f", sample.seconds))"
                )
            }
        }
    }
}
