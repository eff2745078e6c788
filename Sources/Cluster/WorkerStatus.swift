/// A registered worker as `status` reports it.
public struct WorkerStatus: Sendable, Codable, Equatable {
    public var name: String
    public var threads: Int
    public var credit: Int
    public var inFlight: Int
    public var tasksDone: Int

    enum CodingKeys: String, CodingKey {
        case name, threads, credit
        case inFlight = "in_flight", tasksDone = "tasks_done"
    }
}
