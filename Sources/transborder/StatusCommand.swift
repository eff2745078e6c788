import ArgumentParser
import Cluster
import ClusterProtocol
import Foundation

/// `transborder status`: the state of one job or of the whole cluster.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the state of a job, or of every job and worker.",
        discussion: """
            JOB is a job id, a job name (the latest job of that name) or an unambiguous prefix \
            of either. Without JOB: a table of the newest jobs (id, name, state, progress, \
            submitted and finished times in UTC, duration), filtered and cut by the coordinator \
            (--state, --since, --limit), and the connected workers. JSON for one job: \
            {"job", "name", "kind", "state": "queued|running|done|failed|cancelled", \
            "tasks_done", "tasks_total", "tasks_in_flight", "retries", "lost", "error", \
            "submitted_at", "finished_at" (ISO 8601 UTC), "duration_seconds", "quarantined", \
            "workers_connected", "eligible_workers", "waiting_for_workers" (tasks left and no \
            eligible worker connected; the text says "waiting for workers"), "priority"}. Without \
            JOB: {"jobs": [...] (newest first), "jobs_matching", "workers": [...], \
            "dropped_messages": {...}}. A coordinator that does not answer is retried, with a \
            notice every 10 s, until --wait-timeout (default 30s). Exit status: 0 shown; 1 \
            coordinator error or refusal; 2 a job that does not exist; 75 the coordinator did \
            not answer within --wait-timeout.
            """
    )

    @Argument(help: "Job id, name or unambiguous prefix; omit for every job and worker.")
    var job: String?

    @OptionGroup var endpoint: ClusterEndpointOptions

    @OptionGroup var patience: ClientPatienceOptions

    @Option(help: "Output format: text or json.")
    var format: String = "text"

    @Option(
        help: ArgumentHelp(
            "Without JOB: list only jobs in these states (comma-separated: queued, running, done, failed, cancelled).",
            valueName: "states"))
    var state: String?

    @Option(
        help: ArgumentHelp(
            "Without JOB: list only jobs active at or after this time: an ISO 8601 UTC time (2026-12-06T01:00:00Z) or a duration ago (90s, 45m, 12h, 30d, 2w).",
            valueName: "time"))
    var since: String?

    @Option(help: "Without JOB: list at most this many jobs, newest submission first (1–10000).")
    var limit: Int = JobListFilter.defaultLimit

    @OptionGroup var logging: ClusterLoggingOptions

    func validate() throws {
        guard ["text", "json"].contains(format) else { throw ValidationError("--format must be text or json") }
        guard (1...JobListFilter.maxLimit).contains(limit) else { throw ValidationError("--limit must be 1…\(JobListFilter.maxLimit)") }
        _ = try states()
        if let since, Self.sinceTime(since, now: 0) == nil {
            throw ValidationError("--since: '\(since)' is neither an ISO 8601 UTC time (2026-12-06T01:00:00Z) nor a duration such as 12h")
        }
        if job != nil && (state != nil || self.since != nil) {
            throw ValidationError("--state and --since list jobs: give them without JOB")
        }
    }

    /// `--state` as states (nil: every state).
    func states() throws -> [ReportedJobState]? {
        guard let state else { return nil }
        return try state.split(separator: ",").map { word in
            let name = word.trimmingCharacters(in: .whitespaces)
            guard let value = ReportedJobState(rawValue: name) else {
                throw ValidationError(
                    "--state: '\(name)' is not a state; use \(ReportedJobState.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return value
        }
    }

    /// `--since` in seconds since 1970: an ISO 8601 UTC time, or a duration before `now`.
    static func sinceTime(_ text: String, now: Double) -> Double? {
        if let time = UTCTimestamp.seconds(text) { return time }
        return PruneCommand.seconds(text).map { now - Double($0) }
    }

    var filter: JobListFilter {
        JobListFilter(
            states: try? states(), since: since.flatMap { Self.sinceTime($0, now: Date().timeIntervalSince1970) },
            limit: limit)
    }

    func run() throws {
        _ = logging.logger("client")
        try reportingClientErrors("status") {
            let client = try endpoint.client(patience: patience)
            if format == "json" {
                let data = try client.persistently {
                    let id = try job.map { try client.resolve(job: $0) }
                    return try id.map { try client.statusJSON(job: $0) } ?? client.statusJSON(filter: filter)
                }
                print(String(decoding: data, as: UTF8.self))
                return
            }
            if let job {
                print(JobListing.line(try client.persistently { try client.status(job: try client.resolve(job: job)) }))
                return
            }
            let cluster = try client.persistently { try client.clusterStatus(filter) }
            print("workers: \(cluster.workers.count)")
            for w in cluster.workers {
                var text = "  \(w.name): \(w.threads) threads, \(w.inFlight)/\(w.credit) in flight, \(w.tasksDone) done"
                if let key = w.keyName { text += ", key \(key)" }
                if !w.quarantinedFor.isEmpty { text += ", quarantined for \(w.quarantinedFor.joined(separator: ", "))" }
                print(text)
            }
            let shown =
                cluster.jobsMatching > cluster.jobs.count ? " (the newest \(cluster.jobs.count) shown; --limit for more)" : ""
            print("jobs: \(cluster.jobsMatching)\(shown)")
            if !cluster.jobs.isEmpty {
                for row in JobListing.table(cluster.jobs) { print("  " + row) }
            }
            let dropped = cluster.droppedMessages.filter { $0.value > 0 }
            if !dropped.isEmpty {
                print("dropped messages: " + dropped.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
            }
        }
    }
}
