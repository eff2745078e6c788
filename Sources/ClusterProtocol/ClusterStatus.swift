/// `status` without a job: every job the store knows, the registered workers, and the
/// messages the coordinator dropped since it started, by reason (docs/PROTOCOL.md).
package struct ClusterStatus: Sendable, Codable, Equatable {
    package var jobs: [JobStatus]
    package var workers: [WorkerStatus]
    package var droppedMessages: [String: Int]

    package init(jobs: [JobStatus], workers: [WorkerStatus], droppedMessages: [String: Int] = [:]) {
        self.jobs = jobs
        self.workers = workers
        self.droppedMessages = droppedMessages
    }

    package enum CodingKeys: String, CodingKey {
        case jobs, workers
        case droppedMessages = "dropped_messages"
    }
}
