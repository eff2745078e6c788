/// A registered worker as `status` reports it.
public struct WorkerStatus: Sendable, Codable, Equatable {
    public var name: String
    public var threads: Int
    public var credit: Int
    public var inFlight: Int
    public var tasksDone: Int
    /// Ids of the jobs this worker is quarantined for (gets none of their tasks).
    public var quarantinedFor: [String]

    public init(name: String, threads: Int, credit: Int, inFlight: Int, tasksDone: Int, quarantinedFor: [String] = []) {
        self.name = name; self.threads = threads; self.credit = credit
        self.inFlight = inFlight; self.tasksDone = tasksDone; self.quarantinedFor = quarantinedFor
    }

    enum CodingKeys: String, CodingKey {
        case name, threads, credit
        case inFlight = "in_flight", tasksDone = "tasks_done", quarantinedFor = "quarantined_for"
    }
}
