/// A task of a job: (job id, task index). Results are deduplicated by this key.
public struct TaskKey: Hashable, Sendable {
    public var job: String
    public var index: Int

    public init(job: String, index: Int) {
        self.job = job
        self.index = index
    }
}
