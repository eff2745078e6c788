/// The outcome of a task on a worker: result bytes, or the task's own error text.
struct ComputedTask: Sendable {
    var job: String
    var task: TaskAssignment
    var outcome: Result<[UInt8], TaskError>
    /// The worker's connection (session) the task came with: an answer is only worth
    /// sending on that connection — the coordinator holds the leases per connection.
    var session = 0
}

/// A task's own error, as text (what FAILED carries).
struct TaskError: Error, Sendable {
    var message: String
}
