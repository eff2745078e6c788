/// A job row of the store (without the bundle bytes).
package struct JobRecord: Sendable {
    package var serial: Int
    package var id: String
    package var kind: String
    package var bundleHash: String
    package var taskCount: Int
    package var state: JobState
    package var error: String?
    package var submittedAt: Double
    package var finishedAt: Double?
    package var retries: Int
    package var lost: Int
    /// The display name its client gave (may be empty).
    package var name: String = ""
    /// Fair-share weight, 1 or more (`submit --priority`; not part of the job's identity).
    package var priority: Int = 1
    /// Workers quarantined for the job, kept with its final state.
    package var quarantined: [String] = []

    package init(
        serial: Int, id: String, kind: String, bundleHash: String, taskCount: Int, state: JobState,
        error: String? = nil, submittedAt: Double, finishedAt: Double? = nil, retries: Int, lost: Int,
        name: String = "", priority: Int = 1, quarantined: [String] = []
    ) {
        self.serial = serial
        self.id = id
        self.kind = kind
        self.bundleHash = bundleHash
        self.taskCount = taskCount
        self.state = state
        self.error = error
        self.submittedAt = submittedAt
        self.finishedAt = finishedAt
        self.retries = retries
        self.lost = lost
        self.name = name
        self.priority = priority
        self.quarantined = quarantined
    }
}
