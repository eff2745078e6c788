/// A registered worker as `status` reports it.
package struct WorkerStatus: Sendable, Codable, Equatable {
    package var name: String
    package var threads: Int
    package var credit: Int
    package var inFlight: Int
    package var tasksDone: Int
    /// Ids of the jobs this worker is quarantined for (gets none of their tasks).
    package var quarantinedFor: [String]
    /// The name (file name without `.pub`) of the CURVE key this worker connected with;
    /// absent on a plaintext coordinator. Shows which workers still use a key to be retired.
    package var keyName: String?

    package init(
        name: String, threads: Int, credit: Int, inFlight: Int, tasksDone: Int, quarantinedFor: [String] = [], keyName: String? = nil
    ) {
        self.name = name
        self.threads = threads
        self.credit = credit
        self.inFlight = inFlight
        self.tasksDone = tasksDone
        self.quarantinedFor = quarantinedFor
        self.keyName = keyName
    }

    package enum CodingKeys: String, CodingKey {
        case name, threads, credit
        case inFlight = "in_flight"
        case tasksDone = "tasks_done"
        case quarantinedFor = "quarantined_for"
        case keyName = "key_name"
    }
}
