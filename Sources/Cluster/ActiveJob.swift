/// A job the coordinator is working on: which tasks are finished, which wait, counters.
///
/// Memory is one bit per task plus the re-queued indices — flat in the number of finished
/// tasks (results live in the store only).
final class ActiveJob {
    let serial: Int
    let id: String
    let kind: String
    let bundleHash: String
    let taskCount: Int
    /// The parsed job (from the submission, or prepared again on resume): its fold runs here.
    let prepared: any PreparedJob
    let submittedAt: Double
    let startedMonotonic: Double
    var state: JobState
    var done: DoneSet
    /// Next never-dispatched index (indices below it were dispatched or finished).
    var cursor = 0
    /// Indices to dispatch again (failed, lost or handed back), before new ones.
    var requeued = IndexQueue()
    /// Failures by the task's own error, by index (only tasks that failed).
    var failures: [Int: Int]
    var retries: Int
    var lost: Int
    var duplicates = 0
    /// Names of workers that returned results.
    var contributors: Set<String> = []
    var countersDirty = false

    init(record: JobRecord, prepared: any PreparedJob, failures: [Int: Int]) {
        serial = record.serial
        self.prepared = prepared
        id = record.id
        kind = record.kind
        bundleHash = record.bundleHash
        taskCount = record.taskCount
        submittedAt = record.submittedAt
        startedMonotonic = MonotonicClock.now()
        state = record.state == .aggregating ? .running : record.state
        done = DoneSet(capacity: record.taskCount)
        self.failures = failures
        retries = record.retries
        lost = record.lost
    }

    var isComplete: Bool { done.count == taskCount }
    var hasPending: Bool { state.isActive && state != .aggregating && (!requeued.isEmpty || cursor < taskCount) }

    /// Up to `limit` tasks to dispatch, skipping finished ones and those `isLeased`.
    func take(limit: Int, isLeased: (Int) -> Bool) -> [TaskAssignment] {
        var out: [TaskAssignment] = []
        out.reserveCapacity(min(limit, 1024))
        while out.count < limit {
            let index: Int
            if let i = requeued.popFront() {
                if done.contains(i) || isLeased(i) { continue }
                index = i
            } else if cursor < taskCount {
                index = cursor
                cursor += 1
                if done.contains(index) { continue }
            } else {
                break
            }
            out.append(TaskAssignment(index: index, attempt: (failures[index] ?? 0) + 1))
        }
        return out
    }

    /// Puts tasks back at the front of the queue (their send failed).
    func putBack(_ tasks: [TaskAssignment]) {
        for t in tasks.reversed() { requeued.pushFront(t.index) }
    }
}
