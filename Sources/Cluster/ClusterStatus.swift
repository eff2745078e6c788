/// `status` without a job: every job the store knows and the registered workers.
public struct ClusterStatus: Sendable, Codable, Equatable {
    public var jobs: [JobStatus]
    public var workers: [WorkerStatus]
}
