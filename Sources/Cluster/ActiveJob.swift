import ClusterProtocol
import JobStore
/// A job the coordinator is working on: which tasks are finished, which wait, counters.
///
/// Memory is one bit per task plus the re-queued indices — flat in the number of finished
/// tasks (results live in the store only).
final class ActiveJob {
    let serial: Int
    let id: String
    let name: String
    let kind: String
    let bundleHash: String
    let taskCount: Int
    /// The parsed job (from the submission, or prepared again on resume): its fold runs here.
    let prepared: any PreparedJob
    let submittedAt: Double
    let startedMonotonic: Double
    var state: JobState
    /// Fair-share weight (`submit --priority`, 1 by default; a resubmission may change it).
    var priority: Int
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
    /// Per task that failed in this submission: each worker it failed on, with its last
    /// message, in order (retries avoid these workers; the job's error names them).
    var failedOn: [Int: [TaskFailure]] = [:]
    /// Per worker name: tasks it failed in this submission that another worker then
    /// completed — failures of the worker, not of the task (quarantine threshold).
    var refutedFailures: [String: Int] = [:]
    /// Workers that get none of this job's tasks any more, in the order they were quarantined.
    var quarantined: [String] = []
    var countersDirty = false

    init(record: JobRecord, prepared: any PreparedJob, failures: [Int: Int]) {
        serial = record.serial
        self.prepared = prepared
        id = record.id
        name = record.name
        kind = record.kind
        bundleHash = record.bundleHash
        taskCount = record.taskCount
        submittedAt = record.submittedAt
        startedMonotonic = MonotonicClock.now()
        state = record.state == .aggregating ? .running : record.state
        priority = max(1, record.priority)
        done = DoneSet(capacity: record.taskCount)
        self.failures = failures
        retries = record.retries
        lost = record.lost
    }

    var isComplete: Bool { done.count == taskCount }
    var hasPending: Bool { state.isActive && state != .aggregating && (!requeued.isEmpty || cursor < taskCount) }

    /// Up to `limit` tasks to dispatch, skipping finished ones and those `isLeased`.
    /// Re-queued tasks for which `avoid` is true stay queued, in order, for another worker.
    func take(limit: Int, isLeased: (Int) -> Bool, avoid: ((Int) -> Bool)? = nil) -> [TaskAssignment] {
        var out: [TaskAssignment] = []
        out.reserveCapacity(min(limit, 1024))
        var skipped: [Int] = []
        defer { for i in skipped.reversed() { requeued.pushFront(i) } }
        while out.count < limit {
            let index: Int
            if let i = requeued.popFront() {
                if done.contains(i) || isLeased(i) { continue }
                if let avoid, avoid(i) {
                    skipped.append(i)
                    continue
                }
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

    /// Names of the workers task `index` failed on in this submission.
    func workersFailed(_ index: Int) -> [String] { failedOn[index]?.map(\.worker) ?? [] }

    /// Records a failure of task `index` on `worker`; returns how many distinct workers it failed on.
    func recordFailure(_ index: Int, worker: String, message: String) -> Int {
        var list = failedOn[index] ?? []
        if let i = list.firstIndex(where: { $0.worker == worker }) {
            list[i].message = message
            list[i].count += 1
        } else {
            list.append(TaskFailure(worker: worker, message: message, count: 1))
        }
        failedOn[index] = list
        return list.count
    }

    /// Task `index` was completed by `worker`: every other worker that failed it had a
    /// failure of its own. Returns those workers; the task's failure list is dropped.
    func completed(_ index: Int, by worker: String) -> [String] {
        guard let list = failedOn.removeValue(forKey: index) else { return [] }
        let refuted = list.map(\.worker).filter { $0 != worker }
        for name in refuted { refutedFailures[name, default: 0] += 1 }
        return refuted
    }

    /// Puts tasks back at the front of the queue (their send failed).
    func putBack(_ tasks: [TaskAssignment]) {
        for t in tasks.reversed() { requeued.pushFront(t.index) }
    }
}
