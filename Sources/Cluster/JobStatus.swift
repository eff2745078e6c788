/// The status of one job as clients see it (`status --format json`).
public struct JobStatus: Sendable, Codable, Equatable {
    public var job: String
    public var kind: String
    /// `queued|running|done|failed|cancelled`.
    public var state: String
    public var tasksDone: Int
    public var tasksTotal: Int
    public var tasksInFlight: Int
    public var retries: Int
    public var lost: Int
    public var error: String?
    public var submittedAt: Double
    public var finishedAt: Double?

    enum CodingKeys: String, CodingKey {
        case job, kind, state, error, retries, lost
        case tasksDone = "tasks_done", tasksTotal = "tasks_total", tasksInFlight = "tasks_in_flight"
        case submittedAt = "submitted_at", finishedAt = "finished_at"
    }
}
