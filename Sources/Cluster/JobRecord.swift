/// A job row of the store (without the bundle bytes).
struct JobRecord: Sendable {
    var serial: Int
    var id: String
    var kind: String
    var bundleHash: String
    var taskCount: Int
    var state: JobState
    var error: String?
    var submittedAt: Double
    var finishedAt: Double?
    var retries: Int
    var lost: Int
    /// The display name its client gave (may be empty).
    var name: String = ""
}
