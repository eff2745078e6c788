/// A task queued on a worker, with the prepared job that computes it.
struct WorkItem: Sendable {
    var job: String
    var task: TaskAssignment
    var prepared: any PreparedJob
    /// The connection (session) the task came with (see `ComputedTask.session`).
    var session = 0
}
