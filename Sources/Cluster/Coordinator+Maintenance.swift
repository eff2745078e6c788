import Foundation
import JobStore
import Logging

/// Housekeeping that keeps a long-lived coordinator's memory and disk bounded, run at
/// most once a second after an iteration's commit: retention (`--keep-finished`), WAL
/// checkpoints, and giving the heap that finished jobs freed back to the system (their
/// fold threads leave free pages in glibc's arenas, which it keeps otherwise:
/// `ProcessHeap`).
extension Coordinator {
    func maintain(now: Double) throws {
        if let keep = config.keepFinishedSeconds, now - lastRetention >= Self.retentionPeriod(keep) {
            lastRetention = now
            try applyRetention(keepSeconds: keep)
        }
        if storeChangedSinceCheckpoint, !config.ephemeralStore, now - lastCheckpoint >= config.checkpointInterval {
            lastCheckpoint = now
            storeChangedSinceCheckpoint = false
            let before = store.walBytes
            if try store.checkpoint() {
                logger.debug("store checkpointed", metadata: ["wal_bytes_before": "\(before)"])
            } else {
                // Readers (the folds) held the WAL: SQLite's own checkpoint or the next one does it.
                storeChangedSinceCheckpoint = true
                logger.debug("store checkpoint deferred: readers busy", metadata: ["wal_bytes": "\(before)"])
            }
        }
        // At most every 10 s while jobs run, and once as soon as the coordinator is idle.
        if jobsFinishedSinceTrim > 0, now - lastTrim >= 10 || !jobs.hasActive {
            lastTrim = now
            let finished = jobsFinishedSinceTrim
            jobsFinishedSinceTrim = 0
            let released = ProcessHeap.returnFreedMemory()
            logger.debug("freed heap returned to the system", metadata: ["jobs_finished": "\(finished)", "released": "\(released)"])
        }
    }

    /// How often retention looks for expired jobs: a tenth of the retention time, between
    /// 1 s and 60 s.
    static func retentionPeriod(_ keepSeconds: Double) -> Double {
        min(60, max(1, keepSeconds / 10))
    }

    /// Removes the jobs that finished more than `keepSeconds` ago — `prune` without the
    /// VACUUM, which would block the loop: the freed pages are reused by new results, so
    /// the store stops growing instead of shrinking.
    func applyRetention(keepSeconds: Double) throws {
        let ids = try store.finishedJobIDs(before: MonotonicClock.wall() - keepSeconds)
        guard !ids.isEmpty else { return }
        let removed = try removeFinishedJobs(ids)
        storeChangedSinceCheckpoint = true
        logger.info(
            "retention removed finished jobs",
            metadata: [
                "jobs": "\(removed.count)", "keep_finished_seconds": "\(Int(keepSeconds))",
                "first": "\(removed.first ?? "")",
            ])
    }

    /// Deletes finished jobs (their results, task histories and result folders), each in
    /// its own committed transaction; returns the ids removed.
    func removeFinishedJobs(_ ids: [String]) throws -> [String] {
        try store.commit()
        var removed: [String] = []
        for id in ids where jobs[id] == nil {
            guard let record = try store.job(id: id), !record.state.isActive else { continue }
            try store.begin()
            try store.deleteJob(serial: record.serial)
            try store.commit()
            try? FileManager.default.removeItem(at: config.resultsDirectory.appendingPathComponent(id))
            removed.append(id)
        }
        return removed
    }
}
