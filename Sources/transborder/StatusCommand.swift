import ArgumentParser
import Cluster
import Foundation

/// `transborder status`: the state of one job or of the whole cluster.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the state of a job, or of every job and worker.",
        discussion: """
        JSON for one job: {"job", "kind", "state": "queued|running|done|failed|cancelled", \
        "tasks_done", "tasks_total", "tasks_in_flight", "retries", "lost", "error", \
        "submitted_at", "finished_at"}. Without JOB: {"jobs": [...], "workers": [...]}.
        """
    )

    @Argument(help: "Job id (16 hex digits); omit for every job and worker.")
    var job: String?

    @OptionGroup var endpoint: ClusterEndpointOptions

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
            if format == "json" {
                let data = try client.statusJSON(job: job)
                print(String(decoding: data, as: UTF8.self))
                return
            }
            if let job {
                print(Self.line(try client.status(job: job)))
            } else {
                let cluster = try client.clusterStatus()
                print("workers: \(cluster.workers.count)")
                for w in cluster.workers {
                    print("  \(w.name): \(w.threads) threads, \(w.inFlight)/\(w.credit) in flight, \(w.tasksDone) done")
                }
                print("jobs: \(cluster.jobs.count)")
                for s in cluster.jobs { print("  " + Self.line(s)) }
            }
        }
    }

    static func line(_ s: JobStatus) -> String {
        var text = "\(s.job) \(s.kind) \(s.state) \(s.tasksDone)/\(s.tasksTotal) tasks"
        if s.retries > 0 || s.lost > 0 { text += " (retries \(s.retries), lost \(s.lost))" }
        if let error = s.error { text += ": \(error)" }
        return text
    }
}
