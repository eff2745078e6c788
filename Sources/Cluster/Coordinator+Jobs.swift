import ClusterProtocol
import Foundation
import JobStore
import Logging

/// Job life cycle: resume after a restart, dispatch, aggregation, finishing.
extension Coordinator {
    /// Resumes the store's active jobs (finished tasks are not recomputed); finished jobs
    /// stay in the store only.
    func resume() throws {
        for record in try store.jobs(activeOnly: true) {
            do {
                try activate(record, prepared: try prepareStored(record))
            } catch let error as StoreError {
                throw error
            } catch {
                // The bundle was valid when submitted; a backend that changed since may refuse it.
                try store.begin()
                try store.setState(serial: record.serial, .failed, error: "\(error)", finishedAt: MonotonicClock.wall())
                try store.commit()
                logger.error("cannot resume job: \(error)", metadata: ["job": "\(record.id)"])
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

    /// The status of a job that is not active, from its stored record.
    func status(of record: JobRecord) throws -> JobStatus {
        let end = record.finishedAt ?? MonotonicClock.wall()
        let done = record.state == .done ? record.taskCount : try store.resultCount(job: record.serial)
        return JobStatus(
            job: record.id, name: record.name, kind: record.kind, state: record.state.reported, tasksDone: done,
            tasksTotal: record.taskCount, tasksInFlight: 0, retries: record.retries, lost: record.lost,
            error: record.error, submittedAt: record.submittedAt, finishedAt: record.finishedAt,
            durationSeconds: max(0, end - record.submittedAt), quarantined: record.quarantined, priority: record.priority)
    }

    func status(of job: ActiveJob) -> JobStatus {
        JobStatus(
            job: job.id, name: job.name, kind: job.kind, state: job.state.reported, tasksDone: job.done.count,
            tasksTotal: job.taskCount, tasksInFlight: leases.count(serial: job.serial), retries: job.retries, lost: job.lost,
            error: nil, submittedAt: job.submittedAt, finishedAt: nil,
            durationSeconds: max(0, MonotonicClock.wall() - job.submittedAt), quarantined: job.quarantined,
            priority: job.priority)
    }

    /// Ends an active job (done, failed or cancelled) and revokes its leases. The job
    /// leaves memory: its final state, counters and quarantines are in the store.
    func finish(_ job: ActiveJob, state: JobState, error: String? = nil) throws {
        let wall = MonotonicClock.wall()
        job.state = state
        try store.begin()
        try store.setCounters(serial: job.serial, retries: job.retries, lost: job.lost)
        try store.setState(serial: job.serial, state, error: error, finishedAt: wall)
        if !job.quarantined.isEmpty { try store.setQuarantined(serial: job.serial, job.quarantined) }
        revokeJob(job)
        if state != .done { aggregator.cancel(job.id) }
        jobs.finish(job.id)
        jobsFinishedSinceTrim += 1
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

    /// Sends tasks to every worker with free credit, batched per message, sharing the
    /// workers between jobs by `config.schedule` (oldest first, or fair share).
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
            let name = session.name
            let eligible = active.filter { $0.hasPending && ($0.quarantined.isEmpty || !$0.quarantined.contains(name)) }
            switch config.schedule {
            case .fifo:
                jobLoop: for job in eligible where session.freeCredit > 0 {
                    switch try lease(job, upTo: session.freeCredit, to: &session, now: now) {
                    case .sent: continue jobLoop
                    case .full: break jobLoop
                    case .released:
                        released = true
                        return
                    }
                }
            case .fair:
                var candidates = eligible
                fairRounds: while session.freeCredit > 0 && !candidates.isEmpty {
                    let shares = FairShare.allocate(
                        free: session.freeCredit,
                        among: candidates.map { FairShare.Claim(inFlight: leases.count(serial: $0.serial), weight: $0.priority) })
                    var exhausted: Set<ObjectIdentifier> = []
                    for (job, share) in zip(candidates, shares) where share > 0 {
                        switch try lease(job, upTo: share, to: &session, now: now) {
                        case .sent(let sent): if sent < share { exhausted.insert(ObjectIdentifier(job)) }
                        case .full: break fairRounds
                        case .released:
                            released = true
                            return
                        }
                    }
                    // Slots a job could not use (nothing left it may send to this worker) go round again.
                    if exhausted.isEmpty { break }
                    candidates.removeAll { exhausted.contains(ObjectIdentifier($0)) }
                }
            }
        }
    }

    /// What leasing a job's tasks to one worker came to.
    enum LeaseOutcome {
        /// This many tasks were sent (fewer than asked when the job had no more for this worker).
        case sent(Int)
        /// The worker's queue is full: send it nothing more in this iteration.
        case full
        /// Sending failed and the worker was released (its session is gone).
        case released
    }

    /// Sends up to `limit` of `job`'s tasks to `session`'s worker, in messages of at most
    /// `WireProtocol.maxBatch`, granting their leases.
    func lease(_ job: ActiveJob, upTo limit: Int, to session: inout WorkerSession, now: Double) throws -> LeaseOutcome {
        let peer = session.peer
        let name = session.name
        // Failed tasks go to a worker they have not failed on, when one is connected.
        let avoid: ((Int) -> Bool)? =
            job.failedOn.isEmpty
            ? nil
            : { index in
                job.workersFailed(index).contains(name) && self.hasFreshWorker(job, task: index)
            }
        var sentTotal = 0
        while sentTotal < limit && job.hasPending {
            let batch = job.take(
                limit: min(limit - sentTotal, WireProtocol.maxBatch),
                isLeased: { leases.isLeased(TaskKey(serial: job.serial, index: $0)) }, avoid: avoid)
            if batch.isEmpty { break }
            let frames = WorkerMessage.tasks(job: job.id, bundleHash: job.bundleHash, tasks: batch).frames
            let sent: Bool
            do {
                sent = try router.send([peer.bytes] + frames)
            } catch {
                job.putBack(batch)
                workers.checkIn(session)
                try releaseWorker(peer, reason: .unreachable("\(error)"))
                return .released
            }
            guard sent else {
                job.putBack(batch)
                return .full
            }
            if job.state == .queued {
                aggregator.start(foldTarget(job))
                job.state = .running
                try store.begin()
                try store.setState(serial: job.serial, .running)
            }
            leases.grant(serial: job.serial, batch, to: peer, deadline: now + config.leaseTimeout)
            for task in batch { session.inFlight.insert(TaskKey(serial: job.serial, index: task.index)) }
            session.lastSent = now
            sentTotal += batch.count
        }
        return .sent(sentTotal)
    }
}
