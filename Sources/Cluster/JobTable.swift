/// The jobs the coordinator is working on (queued, running, aggregating) in submission
/// order, with O(1) lookups by id, serial (task keys carry serials) and bundle hash
/// (DATASET requests).
///
/// Only active jobs live here: a job that ends leaves the table and everything about it
/// is read from the store from then on (`status`, `fetch`, `prune`), so the coordinator's
/// memory is flat in the number of finished jobs.
///
/// A value type with its own tests (CoordinatorStateTests); `ActiveJob`s are shared
/// references that the coordinator changes in place.
struct JobTable {
    private var active: [String: ActiveJob] = [:]
    /// Active job ids, oldest submission first (dispatch order).
    private(set) var activeOrder: [String] = []
    private var bySerial: [Int: ActiveJob] = [:]
    private var byBundleHash: [String: ActiveJob] = [:]

    subscript(id: String) -> ActiveJob? { active[id] }

    func job(serial: Int) -> ActiveJob? { bySerial[serial] }

    func job(bundleHash: String) -> ActiveJob? { byBundleHash[bundleHash] }

    var activeJobs: [ActiveJob] { activeOrder.compactMap { active[$0] } }

    var hasActive: Bool { !activeOrder.isEmpty }

    /// Entries held, per index (all equal when consistent): what `transborder_jobs_in_memory` reports.
    var counts: (byID: Int, order: Int, bySerial: Int, byBundleHash: Int) {
        (active.count, activeOrder.count, bySerial.count, byBundleHash.count)
    }

    /// Makes `job` active, last in dispatch order.
    mutating func activate(_ job: ActiveJob) {
        if active.updateValue(job, forKey: job.id) == nil { activeOrder.append(job.id) }
        bySerial[job.serial] = job
        byBundleHash[job.bundleHash] = job
    }

    /// Ends an active job: it leaves every index (its final state is in the store).
    mutating func finish(_ id: String) {
        guard let job = active.removeValue(forKey: id) else { return }
        if let i = activeOrder.firstIndex(of: id) { activeOrder.remove(at: i) }
        bySerial.removeValue(forKey: job.serial)
        if byBundleHash[job.bundleHash] === job { byBundleHash.removeValue(forKey: job.bundleHash) }
    }
}
