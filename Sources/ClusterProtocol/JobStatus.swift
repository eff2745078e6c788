/// The status of one job as clients see it (`status --format json`).
///
/// Times travel as ISO 8601 UTC strings (`UTCTimestamp`); `duration_seconds` is from
/// submission to the end (or to now while the job is active).
package struct JobStatus: Sendable, Codable, Equatable {
    package var job: String
    /// The display name its client gave (may be empty).
    package var name: String
    package var kind: String
    package var state: ReportedJobState
    package var tasksDone: Int
    package var tasksTotal: Int
    package var tasksInFlight: Int
    package var retries: Int
    package var lost: Int
    package var error: String?
    /// Seconds since 1970 (JSON: ISO 8601 UTC).
    package var submittedAt: Double
    /// Seconds since 1970 (JSON: ISO 8601 UTC); nil while the job is active.
    package var finishedAt: Double?
    package var durationSeconds: Double
    /// Workers that no longer get this job's tasks (their failures reached the threshold
    /// while others succeeded).
    package var quarantined: [String]
    /// Registered workers when the status was taken (`submit --wait` says when there are none).
    package var workersConnected: Int
    /// Of those, the workers that may take this job's tasks (not quarantined for it).
    package var eligibleWorkers: Int
    /// The job has tasks left and no eligible worker: it cannot progress until one registers
    /// (`status` and `submit --wait` say so).
    package var waitingForWorkers: Bool
    /// Fair-share weight (`submit --priority`, default 1).
    package var priority: Int

    package init(
        job: String, name: String, kind: String, state: ReportedJobState, tasksDone: Int, tasksTotal: Int, tasksInFlight: Int,
        retries: Int, lost: Int, error: String?, submittedAt: Double, finishedAt: Double?, durationSeconds: Double,
        quarantined: [String] = [], workersConnected: Int = 0, eligibleWorkers: Int? = nil, waitingForWorkers: Bool = false,
        priority: Int = 1
    ) {
        self.job = job
        self.name = name
        self.kind = kind
        self.state = state
        self.tasksDone = tasksDone
        self.tasksTotal = tasksTotal
        self.tasksInFlight = tasksInFlight
        self.retries = retries
        self.lost = lost
        self.error = error
        self.submittedAt = submittedAt
        self.finishedAt = finishedAt
        self.durationSeconds = durationSeconds
        self.quarantined = quarantined
        self.workersConnected = workersConnected
        self.eligibleWorkers = eligibleWorkers ?? workersConnected
        self.waitingForWorkers = waitingForWorkers
        self.priority = priority
    }

    /// Whether the job reached an end (done, failed or cancelled).
    package var isFinished: Bool { state.isFinished }

    package enum CodingKeys: String, CodingKey {
        case job, name, kind, state, error, retries, lost, quarantined, priority
        case tasksDone = "tasks_done"
        case tasksTotal = "tasks_total"
        case tasksInFlight = "tasks_in_flight"
        case submittedAt = "submitted_at"
        case finishedAt = "finished_at"
        case durationSeconds = "duration_seconds"
        case workersConnected = "workers_connected"
        case eligibleWorkers = "eligible_workers"
        case waitingForWorkers = "waiting_for_workers"
    }

    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func time(_ key: CodingKeys) throws -> Double? {
            guard let text = try c.decodeIfPresent(String.self, forKey: key) else { return nil }
            guard let seconds = UTCTimestamp.seconds(text) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "not an ISO 8601 UTC time: \(text)")
            }
            return seconds
        }
        job = try c.decode(String.self, forKey: .job)
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
        kind = try c.decode(String.self, forKey: .kind)
        state = try c.decode(ReportedJobState.self, forKey: .state)
        tasksDone = try c.decode(Int.self, forKey: .tasksDone)
        tasksTotal = try c.decode(Int.self, forKey: .tasksTotal)
        tasksInFlight = try c.decode(Int.self, forKey: .tasksInFlight)
        retries = try c.decode(Int.self, forKey: .retries)
        lost = try c.decode(Int.self, forKey: .lost)
        error = try c.decodeIfPresent(String.self, forKey: .error)
        submittedAt = try time(.submittedAt) ?? 0
        finishedAt = try time(.finishedAt)
        durationSeconds = try c.decodeIfPresent(Double.self, forKey: .durationSeconds) ?? 0
        quarantined = try c.decodeIfPresent([String].self, forKey: .quarantined) ?? []
        workersConnected = try c.decodeIfPresent(Int.self, forKey: .workersConnected) ?? 0
        eligibleWorkers = try c.decodeIfPresent(Int.self, forKey: .eligibleWorkers) ?? workersConnected
        waitingForWorkers = try c.decodeIfPresent(Bool.self, forKey: .waitingForWorkers) ?? false
        priority = try c.decodeIfPresent(Int.self, forKey: .priority) ?? 1
    }

    package func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(job, forKey: .job)
        try c.encode(name, forKey: .name)
        try c.encode(kind, forKey: .kind)
        try c.encode(state, forKey: .state)
        try c.encode(tasksDone, forKey: .tasksDone)
        try c.encode(tasksTotal, forKey: .tasksTotal)
        try c.encode(tasksInFlight, forKey: .tasksInFlight)
        try c.encode(retries, forKey: .retries)
        try c.encode(lost, forKey: .lost)
        try c.encode(error, forKey: .error)
        try c.encode(UTCTimestamp.string(submittedAt), forKey: .submittedAt)
        try c.encode(finishedAt.map(UTCTimestamp.string), forKey: .finishedAt)
        try c.encode((durationSeconds * 1000).rounded() / 1000, forKey: .durationSeconds)
        try c.encode(quarantined, forKey: .quarantined)
        try c.encode(workersConnected, forKey: .workersConnected)
        try c.encode(eligibleWorkers, forKey: .eligibleWorkers)
        try c.encode(waitingForWorkers, forKey: .waitingForWorkers)
        try c.encode(priority, forKey: .priority)
    }
}
