import ClusterProtocol
import Foundation
import JobStore
import Logging

/// Worker protocol handling: registration, results, failures, datasets, departures.
///
/// Only registered workers are heard, and a RESULT or FAILED counts only from the worker
/// that holds (or, after its lease expired, last held) that task's lease; everything else
/// is dropped, counted by reason and logged with the peer (docs/PROTOCOL.md, "Conformance").
extension Coordinator {
    /// - Parameter key: the CURVE key (Z85) the peer's connection was admitted with, if any.
    func handleWorker(_ peer: PeerID, _ message: WorkerMessage, key: String? = nil) throws {
        let now = MonotonicClock.now()
        if case .ready(let name, let threads, let credit) = message {
            return try register(peer, name: name, threads: threads, credit: credit, now: now, key: key)
        }
        guard workers.contains(peer) else {
            // Nothing an unregistered peer sends is stored or answered, except this.
            if case .disconnect = message { return }
            drop(.unregistered, peer: peer, "message from an unregistered peer")
            askToRegister(peer)
            return
        }
        workers[peer]?.lastHeard = now
        switch message {
        case .ready, .heartbeat:
            break
        case .results(let job, let indices, let payloads):
            try storeResults(peer, job: job, indices: indices, payloads: payloads)
        case .failed(let job, let task, let error):
            try recordFailure(peer, job: job, task: task, error: error)
        case .datasetRequest(let hash):
            try sendDataset(peer, hash: hash)
        case .disconnect(_, let text):
            if let session = workers[peer] {
                logger.info("worker left: \(text)", metadata: ["worker": "\(session.name)", "in_flight": "\(session.inFlight.count)"])
                try releaseWorker(peer, reason: .left)
            }
        case .tasks, .dataset, .revoke:
            drop(.invalid, peer: peer, "coordinator-only command sent by a worker")
        }
    }

    func register(_ peer: PeerID, name: String, threads: Int, credit: Int, now: Double, key: String? = nil) throws {
        // A registered peer's messages carry no user id (`iterate`): its connection's key is the session's.
        let key = key ?? workers[peer]?.key
        if workers.contains(peer) { try releaseWorker(peer, reason: .registeredAgain) }
        // Names identify workers (store, quarantine, status): a second connection with a
        // live worker's name replaces it — a worker reconnecting from a new socket, or a
        // misconfigured second process, which is told why.
        if let other = workers.peer(named: name) {
            logger.warning(
                "worker name registered again from another connection; releasing the previous one",
                metadata: ["worker": "\(name)", "previous_peer": "\(other)", "peer": "\(peer)"])
            reply(
                other,
                WorkerMessage.disconnect(
                    reason: .replaced,
                    text: "another connection registered as worker '\(name)'; worker names must be unique"
                ).frames)
            try releaseWorker(other, reason: .replaced)
        }
        try store.begin()
        try store.recordWorker(name: name, threads: threads, credit: credit, state: .ready, now: MonotonicClock.wall(), tasksDone: 0)
        // The counter is the worker name's, over its life: it continues across re-registrations and restarts.
        var session = WorkerSession(peer: peer, name: name, threads: threads, credit: credit, lastHeard: now, lastSent: now)
        session.tasksDone = try store.workerTasksDone(name: name)
        session.key = key
        session.keyName = key.flatMap { authorizedIDs[$0] }
        workers.add(session)
        var metadata: Logger.Metadata = ["worker": "\(name)", "threads": "\(threads)", "credit": "\(credit)", "peer": "\(peer)"]
        if let keyName = session.keyName { metadata["key_name"] = "\(keyName)" }
        logger.info("worker joined", metadata: metadata)
        reply(peer, WorkerMessage.heartbeat.frames)
    }

    /// A message from a worker this coordinator does not know (e.g. after a restart).
    func askToRegister(_ peer: PeerID) {
        reply(peer, WorkerMessage.disconnect(reason: .unknownWorker, text: "unknown worker: send READY").frames)
    }

    /// Counts a dropped message (or task answer) and logs it with the peer: at warning
    /// level once a minute per peer and reason, at debug level in between.
    func drop(_ reason: DropReason, peer: PeerID, count: Int = 1, _ what: String, metadata: Logger.Metadata = [:]) {
        dropped[reason.rawValue, default: 0] += count
        var all = metadata
        all["peer"] = "\(peer)"
        all["reason"] = "\(reason.rawValue)"
        if let name = workers[peer]?.name { all["worker"] = "\(name)" }
        if dropLogThrottle.shouldWarn("\(reason.rawValue) \(peer)") {
            logger.warning("dropped: \(what)", metadata: all)
        } else {
            logger.debug("dropped: \(what)", metadata: all)
        }
    }

    func storeResults(_ peer: PeerID, job id: String, indices: [Int], payloads: [[UInt8]]) throws {
        guard var session = workers.checkOut(peer) else { return }
        defer { workers.checkIn(session) }
        let name = session.name
        guard let job = jobs[id], job.state == .running || job.state == .queued else {
            // Nothing of it is in flight: finishing a job revokes its tasks from every holder.
            dropped[DropReason.jobNotActive.rawValue, default: 0] += indices.count
            logger.debug("results for a job that is not running ignored", metadata: ["job": "\(id)", "worker": "\(name)"])
            return
        }
        var stored = 0
        for (index, payload) in zip(indices, payloads) {
            let key = TaskKey(serial: job.serial, index: index)
            session.inFlight.remove(key)
            guard index < job.taskCount else {
                drop(
                    .outOfRange, peer: peer, "result for a task outside the job",
                    metadata: ["job": "\(id)", "task": "\(index)", "worker": "\(name)"])
                continue
            }
            if job.done.contains(index) {
                job.duplicates += 1
                dropped[DropReason.duplicate.rawValue, default: 0] += 1
                logger.info("duplicate result ignored", metadata: ["job": "\(id)", "task": "\(index)", "worker": "\(name)"])
                continue
            }
            guard leases.mayAnswer(key, peer: peer) else {
                drop(
                    .notLeased, peer: peer, "result for a task not leased to this worker",
                    metadata: ["job": "\(id)", "task": "\(index)", "worker": "\(name)"])
                continue
            }
            try store.begin()
            guard try store.insertResult(job: job.serial, index: index, payload: payload) else {
                job.duplicates += 1
                continue
            }
            job.done.insert(index)
            if !job.failedOn.isEmpty {
                for failed in job.completed(index, by: name) { quarantineIfNeeded(job, worker: failed) }
            }
            if let lease = leases.settle(key), lease.worker != peer {
                // A previous holder answered first: the current holder's copy is moot.
                revokeFromHolder(lease.worker, key: key, job: id)
            }
            stored += 1
        }
        if stored > 0 {
            resultsStored += stored
            committedResults.insert(id)
            job.contributors.insert(name)
            session.tasksDone += stored
            session.tasksDoneUnsaved += stored
            if job.isComplete { completed.append(id) }
        }
    }

    /// Takes `key` back from a worker that holds it (credit returned, REVOKE sent).
    func revokeFromHolder(_ worker: PeerID, key: TaskKey, job: String) {
        guard workers[worker]?.inFlight.remove(key) != nil else { return }
        reply(worker, WorkerMessage.revoke(job: job, indices: [key.index]).frames)
    }

    func recordFailure(_ peer: PeerID, job id: String, task: TaskAssignment, error: String) throws {
        guard let session = workers[peer] else { return }
        guard let job = jobs[id], job.state == .running || job.state == .queued else {
            dropped[DropReason.jobNotActive.rawValue, default: 0] += 1
            return
        }
        let key = TaskKey(serial: job.serial, index: task.index)
        workers[peer]?.inFlight.remove(key)
        guard task.index < job.taskCount else {
            return drop(.outOfRange, peer: peer, "failure for a task outside the job", metadata: ["job": "\(id)", "task": "\(task.index)"])
        }
        guard !job.done.contains(task.index) else {
            dropped[DropReason.duplicate.rawValue, default: 0] += 1
            return
        }
        guard leases.mayAnswer(key, peer: peer) else {
            return drop(
                .notLeased, peer: peer, "failure for a task not leased to this worker", metadata: ["job": "\(id)", "task": "\(task.index)"])
        }
        let heldActiveLease = leases.endClaim(key, of: peer)
        try store.begin()
        let failures = try store.recordFailure(job: job.serial, index: task.index, error: error)
        job.failures[task.index] = failures
        job.retries += 1
        job.countersDirty = true
        let distinct = job.recordFailure(task.index, worker: session.name, message: error)
        logger.warning(
            "task failed: \(error)",
            metadata: [
                "job": "\(id)", "task": "\(task.index)", "attempt": "\(failures)", "workers_failed": "\(distinct)/\(config.maxAttempts)",
                "worker": "\(session.name)",
            ])
        let fresh = hasFreshWorker(job, task: task.index)
        if distinct >= config.maxAttempts || (failures >= config.maxAttempts && !fresh) {
            try finish(job, state: .failed, error: failureMessage(job, task: task.index, failures: failures))
        } else if heldActiveLease || !leases.isLeased(key) {
            job.requeued.pushFront(task.index)
        }
    }

    /// "task 4 failed after 3 attempts on 2 workers: w1 (2×): <error>; w2: <error>".
    func failureMessage(_ job: ActiveJob, task index: Int, failures: Int) -> String {
        let list = job.failedOn[index] ?? []
        let parts = list.map { "\($0.worker)\($0.count > 1 ? " (\($0.count)×)" : ""): \($0.message)" }
        let workers = list.count == 1 ? "1 worker" : "\(list.count) workers"
        return "task \(index) failed after \(failures) attempts on \(workers): " + parts.joined(separator: "; ")
    }

    /// Whether a connected worker that may take `job`'s tasks has not failed task `index` yet.
    func hasFreshWorker(_ job: ActiveJob, task index: Int) -> Bool {
        let failed = job.workersFailed(index)
        return workers.names.contains { name in !failed.contains(name) && !job.quarantined.contains(name) }
    }

    /// Quarantines `worker` for `job` once `quarantineAfter` of the job's tasks it failed
    /// were completed by other workers (called as each such task completes): its failures
    /// are its own, not the tasks'. A worker failing tasks that fail everywhere is never
    /// quarantined; the job fails instead.
    func quarantineIfNeeded(_ job: ActiveJob, worker: String) {
        let refuted = job.refutedFailures[worker] ?? 0
        guard config.quarantineAfter > 0, refuted >= config.quarantineAfter, !job.quarantined.contains(worker) else { return }
        job.quarantined.append(worker)
        logger.warning(
            "worker quarantined for job: tasks it failed were completed by other workers",
            metadata: [
                "job": "\(job.id)", "worker": "\(worker)", "refuted_failures": "\(refuted)",
            ])
    }

    func sendDataset(_ peer: PeerID, hash: String) throws {
        guard let job = jobs.job(bundleHash: hash),
            let bundle = try store.bundle(serial: job.serial)
        else {
            logger.warning("dataset request for an unknown bundle", metadata: ["peer": "\(peer)", "hash": "\(hash)"])
            reply(peer, WorkerMessage.dataset(hash: hash, bundle: []).frames)
            return
        }
        logger.debug(
            "sending dataset", metadata: ["job": "\(job.id)", "bytes": "\(bundle.count)", "worker": "\(workers[peer]?.name ?? "?")"])
        reply(peer, WorkerMessage.dataset(hash: hash, bundle: bundle).frames)
    }

    /// Forgets a worker and re-queues the tasks it held (lost, not failed).
    func releaseWorker(_ peer: PeerID, reason: WorkerRelease) throws {
        guard let session = workers.remove(peer) else { return }
        var requeued = 0
        try store.begin()
        for key in session.inFlight {
            guard leases.lease(key)?.worker == peer else { continue }
            if try revokeLease(key) { requeued += 1 }
        }
        try store.recordWorker(
            name: session.name, threads: session.threads, credit: session.credit,
            state: .released(reason), now: MonotonicClock.wall(), tasksDone: session.tasksDoneUnsaved)
        let metadata: Logger.Metadata = ["worker": "\(session.name)", "requeued": "\(requeued)"]
        if reason.isOrderly {
            logger.info("worker released (\(reason))", metadata: metadata)
        } else {
            logger.warning("worker lost: \(reason)", metadata: metadata)
        }
    }

    /// Heartbeats, dead workers, expired leases, counters.
    func runTimers(now: Double) throws {
        for peer in workers.order {
            guard let session = workers[peer] else { continue }
            if now - session.lastHeard > config.heartbeatTimeout {
                try releaseWorker(peer, reason: .silent(seconds: Int(now - session.lastHeard)))
            } else if now - session.lastSent >= config.heartbeatInterval {
                do {
                    if try router.send([peer.bytes] + WorkerMessage.heartbeat.frames) { workers[peer]?.lastSent = now }
                } catch {
                    // EHOSTUNREACH: the connection is gone (e.g. the process was killed).
                    try releaseWorker(peer, reason: .disconnected("\(error)"))
                }
            }
        }
        try expireLeases(now: now)
        try persistCounters()
        warnAboutWaitingJobs(now: now)
    }

    /// Warns (once a minute per job) about jobs that have had tasks left and no eligible
    /// worker for longer than the heartbeat timeout: a brief wait, as while `run` starts
    /// its workers, is normal.
    func warnAboutWaitingJobs(now: Double) {
        var waiting: [String: Double] = [:]
        for job in jobs.activeJobs {
            let eligible = eligibleWorkers(for: job)
            guard isWaitingForWorkers(job, eligible: eligible) else { continue }
            let since = waitingSince[job.id] ?? now
            waiting[job.id] = since
            guard now - since >= config.heartbeatTimeout, waitLogThrottle.shouldWarn(job.id, now: now) else { continue }
            logger.warning(
                "job waits: no eligible worker connected",
                metadata: [
                    "job": "\(job.id)", "tasks_left": "\(job.taskCount - job.done.count)", "workers_connected": "\(workers.count)",
                    "quarantined": "\(job.quarantined.joined(separator: ","))", "waiting_seconds": "\(Int(now - since))",
                ])
        }
        waitingSince = waiting
    }

    /// Re-queues tasks whose lease passed its deadline and takes them back from their
    /// holders (REVOKE, credit returned); a holder's late result is still accepted while
    /// the task is unfinished.
    func expireLeases(now: Double) throws {
        let expired = leases.expire(now: now)
        guard !expired.isEmpty else { return }
        var revoked: [PeerID: [Int: [Int]]] = [:]
        for (key, lease) in expired {
            workers[lease.worker]?.inFlight.remove(key)
            revoked[lease.worker, default: [:]][key.serial, default: []].append(key.index)
            guard try requeueLost(key) else { continue }
            logger.warning(
                "lease expired, task re-queued",
                metadata: [
                    "job": "\(jobs.job(serial: key.serial)?.id ?? "?")", "task": "\(key.index)",
                    "worker": "\(workers[lease.worker]?.name ?? "gone")",
                ])
        }
        for (peer, bySerial) in revoked where workers.contains(peer) {
            for (serial, indices) in bySerial {
                guard let id = jobs.job(serial: serial)?.id else { continue }
                for start in stride(from: 0, to: indices.count, by: WireProtocol.maxBatch) {
                    let part = Array(indices[start..<min(indices.count, start + WireProtocol.maxBatch)])
                    reply(peer, WorkerMessage.revoke(job: id, indices: part).frames)
                }
            }
        }
    }

    /// Ends a lease without a result and re-queues the task first in line, counting it as
    /// lost (not failed). False when the task needs no re-run (finished or job inactive).
    func revokeLease(_ key: TaskKey) throws -> Bool {
        _ = leases.revoke(key)
        return try requeueLost(key)
    }

    func requeueLost(_ key: TaskKey) throws -> Bool {
        guard let job = jobs.job(serial: key.serial), job.state.isActive, job.state != .aggregating,
            !job.done.contains(key.index)
        else { return false }
        job.requeued.pushFront(key.index)
        job.lost += 1
        job.countersDirty = true
        try store.begin()
        try store.recordLost(job: job.serial, index: key.index)
        return true
    }

    func persistCounters() throws {
        for job in jobs.activeJobs where job.countersDirty {
            try store.begin()
            try store.setCounters(serial: job.serial, retries: job.retries, lost: job.lost)
            job.countersDirty = false
        }
        for peer in workers.order {
            guard let session = workers[peer], session.tasksDoneUnsaved > 0 else { continue }
            try store.begin()
            try store.recordWorker(
                name: session.name, threads: session.threads, credit: session.credit,
                state: .ready, now: MonotonicClock.wall(), tasksDone: session.tasksDoneUnsaved)
            workers[peer]?.tasksDoneUnsaved = 0
        }
    }
}
