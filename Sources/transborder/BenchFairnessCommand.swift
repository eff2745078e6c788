import ArgumentParser
import Cluster
import ClusterSupport

/// `transborder bench fairness`: how long a small job waits behind a large one under each
/// schedule (`coordinator --schedule`).
struct BenchFairnessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fairness",
        abstract: "A small job's time behind a large one, per schedule (fifo vs fair).",
        discussion: """
            For each of --schedules, starts a coordinator process with that --schedule and \
            --workers worker processes, times a --small-tasks job alone, then a --large-tasks \
            job and the small job (another bundle) submitted once the large one holds every \
            slot; every noop task sleeps --task-ms. Prints one line per schedule: `schedule: \
            <name>  small alone: <s> s  small behind large: <s> s  large: <s> s`.
            """
    )

    @Option(help: "Tasks of the large job.")
    var largeTasks: Int = 10_000

    @Option(help: "Tasks of the small job.")
    var smallTasks: Int = 10

    @Option(help: "Milliseconds each noop task sleeps.")
    var taskMs: Int = 2

    @Option(help: "Schedules to compare, comma-separated: fifo, fair.")
    var schedules: String = "fifo,fair"

    @OptionGroup var workers: WorkerProcessCount<BenchProcessDefaults>

    @OptionGroup var credit: BenchCreditOptions<SchedulingCredit>

    @OptionGroup var logging: ClusterLoggingOptions

    func validate() throws {
        guard largeTasks >= 1, smallTasks >= 1, taskMs >= 0 else {
            throw ValidationError("--large-tasks and --small-tasks must be positive, --task-ms not negative")
        }
        guard schedules.split(separator: ",").allSatisfy({ SchedulePolicy(rawValue: String($0)) != nil }) else {
            throw ValidationError("--schedules: a comma-separated list of fifo and fair")
        }
    }

    func run() throws {
        _ = logging.logger("bench")
        try reportingClientErrors("bench") {
            print(
                "large job \(largeTasks) tasks, small job \(smallTasks) tasks, \(taskMs) ms per task, \(workers.workers) workers × credit \(credit.credit)"
            )
            for word in schedules.split(separator: ",") {
                guard let schedule = SchedulePolicy(rawValue: String(word)) else { continue }
                var settings = FairnessBenchmark.Settings(schedule: schedule)
                settings.largeTasks = largeTasks
                settings.smallTasks = smallTasks
                settings.taskMilliseconds = taskMs
                settings.workers = workers.workers
                settings.credit = credit.credit
                let outcome = try FairnessBenchmark.run(settings, executable: BenchCommand.executable)
                func s(_ x: Double) -> String { String(format: "%.3f", x) }
                print(
                    "schedule: \(schedule.rawValue)  small alone: \(s(outcome.smallAlone)) s  small behind large: \(s(outcome.smallBehindLarge)) s  large: \(s(outcome.large)) s"
                )
            }
        }
    }
}
