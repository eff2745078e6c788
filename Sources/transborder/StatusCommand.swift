import ArgumentParser
import Cluster
import Foundation

/// `transborder status`: the state of one job or of the whole cluster.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the state of a job, or of every job and worker.",
        discussion: """
            JOB is a job id, a job name (the latest job of that name) or an unambiguous prefix \
            of either. Without JOB: a table of every job (id, name, state, progress, submitted \
            and finished times in UTC, duration) and the connected workers. JSON for one job: \
            {"job", "name", "kind", "state": "queued|running|done|failed|cancelled", \
            "tasks_done", "tasks_total", "tasks_in_flight", "retries", "lost", "error", \
            "submitted_at", "finished_at" (ISO 8601 UTC), "duration_seconds", "quarantined", \
            "workers_connected", "eligible_workers", "waiting_for_workers" (tasks left and no \
            eligible worker connected; the text says "waiting for workers")}. Without JOB: \
            {"jobs": [...], "workers": [...], "dropped_messages": {...}}. A coordinator that does \
            not answer is retried, with a notice every 10 s, until --wait-timeout (default 30s). \
            Exit status: 0 shown; 1 coordinator error or refusal; 2 a job that does not exist; \
            75 the coordinator did not answer within --wait-timeout.
            """
    )

    @Argument(help: "Job id, name or unambiguous prefix; omit for every job and worker.")
    var job: String?

    @OptionGroup var endpoint: ClusterEndpointOptions

    @OptionGroup var patience: ClientPatienceOptions

    @Option(help: "Output format: text or json.")
    var format: String = "text"

    @OptionGroup var logging: ClusterLoggingOptions

    func validate() throws {
        guard ["text", "json"].contains(format) else { throw ValidationError("--format must be text or json") }
    }

    func run() throws {
        _ = logging.logger("client")
        try reportingClientErrors("status") {
            let client = try endpoint.client()
            client.patience = patience.patience(for: client, default: ClientPatienceOptions.defaultSeconds)
            if format == "json" {
                let data = try client.persistently { try client.statusJSON(job: try job.map { try client.resolve(job: $0) }) }
                print(String(decoding: data, as: UTF8.self))
                return
            }
            if let job {
                print(JobListing.line(try client.persistently { try client.status(job: try client.resolve(job: job)) }))
                return
            }
            let cluster = try client.persistently { try client.clusterStatus() }
            print("workers: \(cluster.workers.count)")
            for w in cluster.workers {
                var text = "  \(w.name): \(w.threads) threads, \(w.inFlight)/\(w.credit) in flight, \(w.tasksDone) done"
                if let key = w.keyName { text += ", key \(key)" }
                if !w.quarantinedFor.isEmpty { text += ", quarantined for \(w.quarantinedFor.joined(separator: ", "))" }
                print(text)
            }
            print("jobs: \(cluster.jobs.count)")
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
