/// Every job the coordinator knows: the active ones (queued, running, aggregating) in
/// submission order with O(1) lookups by id, serial (task keys carry serials) and bundle
/// hash (DATASET requests), and the final status of finished ones in the order they
/// became known.
///
/// A value type with its own tests (JobTableTests); `ActiveJob`s are shared references
/// that the coordinator changes in place.
struct JobTable {
    private var active: [String: ActiveJob] = [:]
    /// Active job ids, oldest submission first (dispatch order).
    private(set) var activeOrder: [String] = []
    private var bySerial: [Int: ActiveJob] = [:]
    private var byBundleHash: [String: ActiveJob] = [:]
    private var finished: [String: JobStatus] = [:]
    /// Finished job ids in the order they became known.
    private(set) var finishedOrder: [String] = []

    subscript(id: String) -> ActiveJob? { active[id] }

    func job(serial: Int) -> ActiveJob? { bySerial[serial] }

    func job(bundleHash: String) -> ActiveJob? { byBundleHash[bundleHash] }

    var activeJobs: [ActiveJob] { activeOrder.compactMap { active[$0] } }

    var hasActive: Bool { !activeOrder.isEmpty }

    /// The final status of a finished job.
    func finishedStatus(_ id: String) -> JobStatus? { finished[id] }

    var finishedStatuses: [JobStatus] { finishedOrder.compactMap { finished[$0] } }

    /// Whether the table knows `id`, active or finished.
    func knows(_ id: String) -> Bool { active[id] != nil || finished[id] != nil }

    /// Makes `job` active, last in dispatch order (a finished job submitted again leaves the finished list).
    mutating func activate(_ job: ActiveJob) {
        forgetFinished(job.id)
        if active.updateValue(job, forKey: job.id) == nil { activeOrder.append(job.id) }
        bySerial[job.serial] = job
        byBundleHash[job.bundleHash] = job
    }

    /// Ends an active job: it leaves the active table and `status` is kept as its final status.
    mutating func finish(_ id: String, status: JobStatus) {
        if let job = active.removeValue(forKey: id) {
            activeOrder.removeAll { $0 == id }
            bySerial.removeValue(forKey: job.serial)
            if byBundleHash[job.bundleHash] === job { byBundleHash.removeValue(forKey: job.bundleHash) }
        }
        remember(status)
    }

    /// Records the status of a job that is not active (loaded from the store, or finished).
    mutating func remember(_ status: JobStatus) {
        if finished.updateValue(status, forKey: status.job) == nil { finishedOrder.append(status.job) }
    }

    /// Forgets a finished job (FORGET, PRUNE, resubmission).
    mutating func forgetFinished(_ id: String) {
        if finished.removeValue(forKey: id) != nil { finishedOrder.removeAll { $0 == id } }
    }

    /// Finished jobs whose end is before `time` (seconds since 1970), in the order they became known.
    func finished(before time: Double) -> [String] {
        finishedOrder.filter { id in
            guard let end = finished[id]?.finishedAt else { return false }
            return end < time
        }
    }
}
