/// `status` without a job: every job the store knows, the registered workers, and the
/// messages the coordinator dropped since it started, by reason (docs/PROTOCOL.md).
public struct ClusterStatus: Sendable, Codable, Equatable {
    public var jobs: [JobStatus]
    public var workers: [WorkerStatus]
    public var droppedMessages: [String: Int]

    public init(jobs: [JobStatus], workers: [WorkerStatus], droppedMessages: [String: Int] = [:]) {
        self.jobs = jobs; self.workers = workers; self.droppedMessages = droppedMessages
    }

    enum CodingKeys: String, CodingKey {
        case jobs, workers
        case droppedMessages = "dropped_messages"
    }
}
