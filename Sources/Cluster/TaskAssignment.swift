/// One task in a TASK message: its index and which attempt this is (1-based; only
/// failures by the task's own error increase it).
public struct TaskAssignment: Hashable, Sendable {
    public var index: Int
    public var attempt: Int

    public init(index: Int, attempt: Int) {
        self.index = index
        self.attempt = attempt
    }
}
