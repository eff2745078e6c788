import ClusterProtocol
import Foundation

/// What the coordinator exposes to Prometheus (`--metrics`): a snapshot of its state,
/// rendered in the text format. Counters count since the coordinator started.
struct CoordinatorMetrics: Sendable, Equatable {
    struct Job: Sendable, Equatable {
        var id: String
        var name: String
        var queued: Int
        var inFlight: Int
        var done: Int
        var failedAttempts: Int
        var lost: Int
        var quarantinedWorkers: Int
    }

    var jobs: [Job] = []
    /// Jobs by state, including finished ones the store knows.
    var jobsByState: [ReportedJobState: Int] = [:]
    var resultsStored = 0
    var workersConnected = 0
    /// Active jobs with tasks left and no eligible worker connected (`waiting_for_workers`).
    var jobsWaitingForWorkers = 0
    /// Distinct connected workers quarantined for at least one job.
    var workersQuarantined = 0
    var storeBytes = 0
    /// Bytes of the store's WAL (bounded by checkpoints: see docs/DEPLOY.md).
    var walBytes = 0
    /// Bytes in the store connection's page cache (capped: `JobStore.pageCacheKibibytes`).
    var pageCacheBytes = 0
    /// Jobs held in memory (active ones only: finished jobs live in the store).
    var jobsInMemory = 0
    /// Aggregation threads alive.
    var foldStreams = 0
    /// Task leases outstanding.
    var leases = 0
    var dropped: [String: Int] = [:]

    /// The exposition text.
    var text: String {
        var out = PrometheusText()
        func perJob(_ keyPath: KeyPath<Job, Int>) -> [(labels: [(String, String)], value: Double)] {
            jobs.map { (labels: [("job", $0.id), ("name", $0.name)], value: Double($0[keyPath: keyPath])) }
        }
        out.family(
            "transborder_job_tasks", .gauge, help: "Tasks of each active job by state (queued: not leased and not done).",
            jobs.flatMap { job in
                [("queued", job.queued), ("in_flight", job.inFlight), ("done", job.done)].map {
                    (labels: [("job", job.id), ("name", job.name), ("state", $0.0)], value: Double($0.1))
                }
            })
        out.family(
            "transborder_job_failed_attempts_total", .counter,
            help: "FAILED answers counted against each active job's tasks (over the job's life).", perJob(\.failedAttempts))
        out.family(
            "transborder_job_lost_total", .counter,
            help: "Leases of each active job lost to released workers or expiry (over the job's life).", perJob(\.lost))
        out.family(
            "transborder_job_quarantined_workers", .gauge, help: "Workers quarantined for each active job.", perJob(\.quarantinedWorkers))
        out.family(
            "transborder_jobs", .gauge, help: "Jobs the coordinator knows, by state.",
            jobsByState.sorted { $0.key.rawValue < $1.key.rawValue }.map { (labels: [("state", $0.key.rawValue)], value: Double($0.value)) }
        )
        out.family(
            "transborder_results_stored_total", .counter,
            help: "Task results stored since the coordinator started (rate() gives results/s).", value: Double(resultsStored))
        out.family(
            "transborder_jobs_waiting_for_workers", .gauge,
            help: "Active jobs with tasks left and no eligible worker connected (none, or all quarantined for the job).",
            value: Double(jobsWaitingForWorkers))
        out.family("transborder_workers_connected", .gauge, help: "Registered workers.", value: Double(workersConnected))
        out.family(
            "transborder_workers_quarantined", .gauge, help: "Registered workers quarantined for at least one job.",
            value: Double(workersQuarantined))
        out.family(
            "transborder_store_bytes", .gauge, help: "Size of the SQLite store (database and WAL) in bytes.", value: Double(storeBytes))
        out.family(
            "transborder_store_wal_bytes", .gauge,
            help: "Size of the store's write-ahead log in bytes (checkpointed periodically).", value: Double(walBytes))
        out.family(
            "transborder_store_page_cache_bytes", .gauge,
            help: "Bytes in the coordinator's SQLite page cache (capped at 2,000 KiB whatever the store's size).",
            value: Double(pageCacheBytes))
        out.family(
            "transborder_jobs_in_memory", .gauge,
            help: "Jobs the coordinator holds in memory (active ones; finished jobs are read from the store).",
            value: Double(jobsInMemory))
        out.family(
            "transborder_fold_streams", .gauge, help: "Aggregation threads alive (one per computing or aggregating job).",
            value: Double(foldStreams))
        out.family("transborder_leases", .gauge, help: "Task leases outstanding (tasks at workers).", value: Double(leases))
        out.family(
            "transborder_dropped_messages_total", .counter,
            help: "Messages or task answers dropped since start, by reason (docs/PROTOCOL.md, Conformance).",
            dropped.sorted { $0.key < $1.key }.map { (labels: [("reason", $0.key)], value: Double($0.value)) })
        return out.text
    }
}
