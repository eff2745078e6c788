import ClusterProtocol
import Foundation
import JobStore
import Logging

/// Job life cycle: resume after a restart, dispatch, aggregation, finishing.
extension Coordinator {
    /// Loads every job of the store: active ones resume (finished tasks are not recomputed).
    func resume() throws {
        for record in try store.jobs() {
            if record.state.isActive {
                do {
                    try activate(record, prepared: try prepareStored(record))
                } catch let error as StoreError {
                    throw error
                } catch {
                    // The bundle was valid when submitted; a backend that changed since may refuse it.
                    try store.begin()
                    try store.setState(serial: record.serial, .failed, error: "\(error)", finishedAt: MonotonicClock.wall())
                    try store.commit()
                    var failed = record
                    failed.state = .failed
                    failed.error = "\(error)"
                    jobs.remember(status(of: failed, done: try store.resultCount(job: record.serial)))
                    logger.error("cannot resume job: \(error)", metadata: ["job": "\(record.id)"])
                }
            } else {
                let done = record.state == .done ? record.taskCount : try store.resultCount(job: record.serial)
                jobs.remember(status(of: record, done: done))
            }
        }
    }

    /// Parses a stored job's bundle again (after a restart).
    func prepareStored(_ record: JobRecord) throws -> any PreparedJob {
        guard let bytes = try store.bundle(serial: record.serial) else {
            throw BackendError.invalidSpec(kind: record.kind, reason: "the store has no bundle for job \(record.id)")
        }
        guard let backend = config.backends[record.kind] else {
            throw BackendError.invalidSpec(kind: record.kind, reason: "no backend for job kind '\(record.kind)' on this coordinator")
        }
        return try backend.prepare(try JobBundle(encoded: bytes))
    }

    /// Makes a stored job active: reads which tasks are finished and their failure counts.
    func activate(_ record: JobRecord, prepared: any PreparedJob) throws {
        let job = ActiveJob(record: record, prepared: prepared, failures: try store.failureCounts(job: record.serial))
        try store.forEachResultIndex(job: record.serial) { index in
            if index < job.taskCount { job.done.insert(index) }
        }
        jobs.activate(job)
        if job.isComplete { completed.append(job.id) }
        if record.state != .queued || job.done.count > 0 {
            logger.info("job resumed", metadata: ["job": "\(job.id)", "done": "\(job.done.count)", "total": "\(job.taskCount)"])
        }
    }

    func status(of record: JobRecord, done: Int) -> JobStatus {
        let end = record.finishedAt ?? MonotonicClock.wall()
        return JobStatus(
            job: record.id, name: record.name, kind: record.kind, state: record.state.reported, tasksDone: done,
            tasksTotal: record.taskCount, tasksInFlight: 0, retries: record.retries, lost: record.lost,
            error: record.error, submittedAt: record.submittedAt, finishedAt: record.finishedAt,
            durationSeconds: max(0, end - record.submittedAt))
    }

    func status(of job: ActiveJob) -> JobStatus {
        JobStatus(
            job: job.id, name: job.name, kind: job.kind, state: job.state.reported, tasksDone: job.done.count,
            tasksTotal: job.taskCount, tasksInFlight: leases.count(serial: job.serial), retries: job.retries, lost: job.lost,
            error: nil, submittedAt: job.submittedAt, finishedAt: nil,
            durationSeconds: max(0, MonotonicClock.wall() - job.submittedAt), quarantined: job.quarantined)
    }

    /// Ends an active job (done, failed or cancelled) and revokes its leases.
    func finish(_ job: ActiveJob, state: JobState, error: String? = nil) throws {
        let wall = MonotonicClock.wall()
        job.state = state
        try store.begin()
        try store.setCounters(serial: job.serial, retries: job.retries, lost: job.lost)
        try store.setState(serial: job.serial, state, error: error, finishedAt: wall)
        revokeJob(job)
        if state != .done { aggregator.cancel(job.id) }
        var final = status(of: job)
        final.state = state.reported
        final.error = error
        final.finishedAt = wall
        final.durationSeconds = max(0, wall - job.submittedAt)
        final.tasksInFlight = 0
        jobs.finish(job.id, status: final)
        let metadata: Logger.Metadata = [
            "job": "\(job.id)", "tasks": "\(job.taskCount)", "retries": "\(job.retries)", "lost": "\(job.lost)",
        ]
        switch state {
        case .done: logger.info("job done", metadata: metadata)
        case .failed: logger.error("job failed: \(error ?? "")", metadata: metadata)
        default: logger.info("job \(state.rawValue)", metadata: metadata)
        }
    }

    /// Ends every lease of `job` and tells each holder to drop the job's tasks (REVOKE with
    /// an empty list), returning their credit at once.
    func revokeJob(_ job: ActiveJob) {
        var holders: Set<PeerID> = []
        for (key, lease) in leases.removeJob(serial: job.serial) {
            if workers[lease.worker]?.inFlight.remove(key) != nil { holders.insert(lease.worker) }
        }
        for peer in workers.order where holders.contains(peer) {
            reply(peer, WorkerMessage.revoke(job: job.id, indices: []).frames)
        }
        if !holders.isEmpty {
            logger.info("told workers to drop the job's tasks", metadata: ["job": "\(job.id)", "workers": "\(holders.count)"])
        }
    }

    /// Hands fully computed jobs to the aggregator (after their results are committed).
    func startAggregations() throws {
        guard !completed.isEmpty else { return }
        let ids = completed
        completed.removeAll()
        for id in ids {
            guard let job = jobs[id], job.state != .aggregating, job.state.isActive else { continue }
            job.state = .aggregating
            try store.begin()
            try store.setState(serial: job.serial, .aggregating)
            let wall = MonotonicClock.wall()
            let record = RunRecord(
                job: job.id, kind: job.kind, bundleHash: job.bundleHash, tasks: job.taskCount,
                workers: job.contributors.count, retries: job.retries, lost: job.lost,
                duplicates: job.duplicates, elapsedSeconds: wall - job.submittedAt,
                submittedAt: job.submittedAt, finishedAt: wall)
            logger.info("all tasks stored, aggregating", metadata: ["job": "\(id)", "tasks": "\(job.taskCount)"])
            aggregator.complete(foldTarget(job), record: record)
        }
    }

    /// Where `job`'s streaming fold reads and publishes.
    func foldTarget(_ job: ActiveJob) -> FoldTarget {
        FoldTarget(
            serial: job.serial, id: job.id, prepared: job.prepared, storePath: config.storePath,
            destination: config.resultsDirectory.appendingPathComponent(job.id),
            durable: !config.ephemeralStore)
    }

    /// Wakes the folds of the jobs whose results this iteration committed.
    func notifyFolds() {
        for id in committedResults {
            if let job = jobs[id], job.state != .aggregating { aggregator.resultsCommitted(id) { foldTarget(job) } }
        }
        committedResults.removeAll(keepingCapacity: true)
    }

    func collectAggregations() throws {
        for outcome in aggregator.takeFinished() {
            guard let job = jobs[outcome.id], job.state == .aggregating else { continue }
            if let error = outcome.error {
                try finish(job, state: .failed, error: error)
            } else {
                try finish(job, state: .done)
            }
        }
    }

    /// Sends tasks to every worker with free credit, oldest job first, batched per message.
    func dispatch() throws {
        guard !workers.isEmpty, jobs.hasActive else { return }
        let active = jobs.activeJobs  // dispatch neither starts nor ends jobs
        guard active.contains(where: { $0.hasPending }) else { return }
        let now = MonotonicClock.now()
        let order = workers.order
        let count = order.count
        dispatchStart = (dispatchStart + 1) % count
        for offset in 0..<count {
            let peer = order[(dispatchStart + offset) % count]
            guard var session = workers.checkOut(peer) else { continue }
            var released = false
            defer { if !released { workers.checkIn(session) } }  // also when a store write throws
            var free = session.freeCredit
            let name = session.name
            jobLoop: for job in active where free > 0 {
                let id = job.id
                if !job.quarantined.isEmpty && job.quarantined.contains(name) { continue }
                // Failed tasks go to a worker they have not failed on, when one is connected.
                let avoid: ((Int) -> Bool)? =
                    job.failedOn.isEmpty
                    ? nil
                    : { index in
                        job.workersFailed(index).contains(name) && self.hasFreshWorker(job, task: index)
                    }
                while free > 0 && job.hasPending {
                    let batch = job.take(
                        limit: min(free, WireProtocol.maxBatch),
                        isLeased: { leases.isLeased(TaskKey(serial: job.serial, index: $0)) }, avoid: avoid)
                    if batch.isEmpty { break }
                    let frames = WorkerMessage.tasks(job: id, bundleHash: job.bundleHash, tasks: batch).frames
                    let sent: Bool
                    do {
                        sent = try router.send([peer.bytes] + frames)
                    } catch {
                        job.putBack(batch)
                        workers.checkIn(session)
                        released = true
                        try releaseWorker(peer, reason: .unreachable("\(error)"))
                        return
                    }
                    guard sent else {
                        job.putBack(batch)
                        break jobLoop
                    }
                    if job.state == .queued {
                        aggregator.start(foldTarget(job))
                        job.state = .running
                        try store.begin()
                        try store.setState(serial: job.serial, .running)
                    }
                    let deadline = now + config.leaseTimeout
                    for task in batch {
                        let key = TaskKey(serial: job.serial, index: task.index)
                        leases.grant(key, to: peer, deadline: deadline, attempt: task.attempt)
                        session.inFlight.insert(key)
                    }
                    session.lastSent = now
                    free -= batch.count
                }
            }
        }
    }
}
