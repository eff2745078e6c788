/// A task's failures on one worker (in one submission): the job's error names each.
struct TaskFailure: Sendable, Equatable {
    var worker: String
    var message: String
    var count: Int
}
