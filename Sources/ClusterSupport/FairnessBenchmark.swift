import Cluster
import ClusterProtocol
import Foundation

/// `bench fairness`: how long a small job takes when it is submitted behind a large one,
/// under a coordinator scheduling by `--schedule fifo` or `fair`. Noop tasks that each
/// sleep `taskMilliseconds` stand in for compute; the small job is also timed alone on
/// the idle cluster first ("its own time").
package enum FairnessBenchmark {
    package struct Settings: Sendable {
        package var schedule: SchedulePolicy
        package var largeTasks = 10_000
        package var smallTasks = 10
        package var taskMilliseconds = 2
        package var workers = 2
        package var credit = 4

        package init(schedule: SchedulePolicy) {
            self.schedule = schedule
        }
    }

    package struct Outcome: Sendable {
        /// Submit → done of the small job on the idle cluster.
        package var smallAlone: Double
        /// Submit → done of the small job submitted while the large one runs.
        package var smallBehindLarge: Double
        /// Submit → done of the large job.
        package var large: Double
    }

    package static func run(_ settings: Settings, executable: URL) throws -> Outcome {
        let cluster = try ProcessCluster(
            executable: executable, coordinatorArguments: ["--schedule", settings.schedule.rawValue],
            workers: settings.workers, threads: 1, credit: settings.credit)
        defer { cluster.stop() }
        let client = try cluster.readyClient()
        defer { client.close() }
        func bundle(_ tasks: Int) -> JobBundle {
            // nondeterministic-ok: a fresh job id per run, so no run reuses another's stored results
            let spec = "{\"tasks\": \(tasks), \"sleep_ms\": \(settings.taskMilliseconds), \"nonce\": \"\(UUID().uuidString)\"}"
            return JobBundle(kind: "noop", spec: Data(spec.utf8))
        }
        func timed(_ id: String, from start: Double) throws -> Double {
            let final = try client.wait(job: id, interval: 0.005)
            guard final.state == .done else { throw ClientError.unexpectedReply("job \(id) \(final.state): \(final.error ?? "")") }
            return MonotonicClock.now() - start
        }
        var start = MonotonicClock.now()
        let alone = try timed(try client.submit(bundle(settings.smallTasks), name: "small-alone"), from: start)

        let largeStart = MonotonicClock.now()
        let large = try client.submit(bundle(settings.largeTasks), name: "large")
        // The large job holds every slot before the small one arrives.
        let slots = settings.workers * settings.credit
        while try client.status(job: large).tasksDone < 2 * slots { usleep(5_000) }
        start = MonotonicClock.now()
        let small = try client.submit(bundle(settings.smallTasks), name: "small")
        let behind = try timed(small, from: start)
        let largeSeconds = try timed(large, from: largeStart)
        return Outcome(smallAlone: alone, smallBehindLarge: behind, large: largeSeconds)
    }
}
