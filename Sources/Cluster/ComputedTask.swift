/// The outcome of a task on a worker: result bytes, or the task's own error text.
struct ComputedTask: Sendable {
    var job: String
    var task: TaskAssignment
    var outcome: Result<[UInt8], TaskError>
}

/// A task's own error, as text (what FAILED carries).
struct TaskError: Error, Sendable {
    var message: String
}
