/// `status` without a job: the jobs a `JobListFilter` selects (newest submission first,
/// at most its limit), how many matched in all, the registered workers, and the messages
/// the coordinator dropped since it started, by reason (docs/PROTOCOL.md).
package struct ClusterStatus: Sendable, Codable, Equatable {
    package var jobs: [JobStatus]
    /// Jobs that matched the filter, of which `jobs` holds the newest (absent from a
    /// coordinator that lists every job: then `jobs.count`).
    package var jobsMatching: Int
    package var workers: [WorkerStatus]
    package var droppedMessages: [String: Int]

    package init(jobs: [JobStatus], jobsMatching: Int? = nil, workers: [WorkerStatus], droppedMessages: [String: Int] = [:]) {
        self.jobs = jobs
        self.jobsMatching = jobsMatching ?? jobs.count
        self.workers = workers
        self.droppedMessages = droppedMessages
    }

    package enum CodingKeys: String, CodingKey {
        case jobs, workers
        case jobsMatching = "jobs_matching"
        case droppedMessages = "dropped_messages"
    }

    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        jobs = try c.decode([JobStatus].self, forKey: .jobs)
        jobsMatching = try c.decodeIfPresent(Int.self, forKey: .jobsMatching) ?? jobs.count
        workers = try c.decode([WorkerStatus].self, forKey: .workers)
        droppedMessages = try c.decodeIfPresent([String: Int].self, forKey: .droppedMessages) ?? [:]
    }
}
