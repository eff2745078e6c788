/// A registered worker as `status` reports it.
package struct WorkerStatus: Sendable, Codable, Equatable {
    package var name: String
    package var threads: Int
    package var credit: Int
    package var inFlight: Int
    package var tasksDone: Int
    /// Ids of the jobs this worker is quarantined for (gets none of their tasks).
    package var quarantinedFor: [String]

    package init(name: String, threads: Int, credit: Int, inFlight: Int, tasksDone: Int, quarantinedFor: [String] = []) {
        self.name = name
        self.threads = threads
        self.credit = credit
        self.inFlight = inFlight
        self.tasksDone = tasksDone
        self.quarantinedFor = quarantinedFor
    }

    package enum CodingKeys: String, CodingKey {
        case name, threads, credit
        case inFlight = "in_flight"
        case tasksDone = "tasks_done"
        case quarantinedFor = "quarantined_for"
    }
}
