/// One task in a TASK message: its index and which attempt this is (1-based; only
/// failures by the task's own error increase it).
package struct TaskAssignment: Hashable, Sendable {
    package var index: Int
    package var attempt: Int

    package init(index: Int, attempt: Int) {
        self.index = index
        self.attempt = attempt
    }
}
