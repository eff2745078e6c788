import Foundation
import Logging

/// Worker protocol handling: registration, results, failures, datasets, departures.
extension Coordinator {
    func handleWorker(_ peer: PeerID, _ message: WorkerMessage) throws {
        let now = MonotonicClock.now()
        workers[peer]?.lastHeard = now
        switch message {
        case let .ready(name, threads, credit):
            if workers[peer] != nil { try releaseWorker(peer, reason: "registered again") }
            workers[peer] = WorkerSession(peer: peer, name: name, threads: threads, credit: credit, lastHeard: now, lastSent: now)
            workerOrder.append(peer)
            try store.begin()
            try store.recordWorker(name: name, threads: threads, credit: credit, state: "ready", now: MonotonicClock.wall(), tasksDone: 0)
            logger.info("worker joined", metadata: ["worker": "\(name)", "threads": "\(threads)", "credit": "\(credit)", "peer": "\(peer)"])
            reply(peer, WorkerMessage.heartbeat.frames)
        case .heartbeat:
            if workers[peer] == nil { askToRegister(peer) }
        case let .results(job, indices, payloads):
            try storeResults(peer, job: job, indices: indices, payloads: payloads)
            if workers[peer] == nil { askToRegister(peer) }
        case let .failed(job, task, error):
            try recordFailure(peer, job: job, task: task, error: error)
            if workers[peer] == nil { askToRegister(peer) }
        case let .datasetRequest(hash):
            try sendDataset(peer, hash: hash)
        case let .disconnect(_, text):
            if let session = workers[peer] {
                logger.info("worker left: \(text)", metadata: ["worker": "\(session.name)", "in_flight": "\(session.inFlight.count)"])
                try releaseWorker(peer, reason: "left")
            }
        case .tasks, .dataset:
            logger.warning("dropped coordinator-only command sent by a worker", metadata: ["peer": "\(peer)"])
        }
    }

    /// A message from a worker this coordinator does not know (e.g. after a restart).
    func askToRegister(_ peer: PeerID) {
        reply(peer, WorkerMessage.disconnect(reason: .unknownWorker, text: "unknown worker: send READY").frames)
    }

    func storeResults(_ peer: PeerID, job id: String, indices: [Int], payloads: [[UInt8]]) throws {
        let name = workers[peer]?.name ?? "unregistered"
        guard let job = jobs[id], job.state == .running || job.state == .queued else {
            if let serial = serials[id] {
                for index in indices { workers[peer]?.inFlight.remove(TaskKey(serial: serial, index: index)) }
            }
            logger.debug("results for a job that is not running ignored", metadata: ["job": "\(id)", "worker": "\(name)"])
            return
        }
        try store.begin()
        var stored = 0
        for (index, payload) in zip(indices, payloads) {
            let key = TaskKey(serial: job.serial, index: index)
            workers[peer]?.inFlight.remove(key)
            guard index < job.taskCount else {
                logger.warning("result for a task outside the job ignored", metadata: ["job": "\(id)", "task": "\(index)", "worker": "\(name)"])
                continue
            }
            let isNew = try !job.done.contains(index) && store.insertResult(job: job.serial, index: index, payload: payload)
            if !isNew {
                job.duplicates += 1
                logger.info("duplicate result ignored", metadata: ["job": "\(id)", "task": "\(index)", "worker": "\(name)"])
                continue
            }
            job.done.insert(index)
            leases.removeValue(forKey: key)
            stored += 1
        }
        if stored > 0 {
            committedResults.insert(id)
            job.contributors.insert(name)
            workers[peer]?.tasksDone += stored
            workers[peer]?.tasksDoneUnsaved += stored
            if job.isComplete { completed.append(id) }
        }
    }

    func recordFailure(_ peer: PeerID, job id: String, task: TaskAssignment, error: String) throws {
        guard let serial = serials[id] else { return }
        let key = TaskKey(serial: serial, index: task.index)
        workers[peer]?.inFlight.remove(key)
        let name = workers[peer]?.name ?? "unregistered"
        guard let job = jobs[id], job.state == .running || job.state == .queued,
              task.index < job.taskCount, !job.done.contains(task.index) else { return }
        leases.removeValue(forKey: key)
        try store.begin()
        let failures = try store.recordFailure(job: job.serial, index: task.index, error: error)
        job.failures[task.index] = failures
        job.retries += 1
        job.countersDirty = true
        logger.warning("task failed: \(error)", metadata: [
            "job": "\(id)", "task": "\(task.index)", "attempt": "\(failures)/\(config.maxAttempts)", "worker": "\(name)"])
        if failures >= config.maxAttempts {
            try finish(job, state: .failed, error: "task \(task.index) failed after \(failures) attempts: \(error)")
        } else {
            job.requeued.pushFront(task.index)
        }
    }

    func sendDataset(_ peer: PeerID, hash: String) throws {
        guard let job = jobs.values.first(where: { $0.bundleHash == hash }),
              let bundle = try store.bundle(serial: job.serial) else {
            logger.warning("dataset request for an unknown bundle", metadata: ["peer": "\(peer)", "hash": "\(hash)"])
            reply(peer, WorkerMessage.dataset(hash: hash, bundle: []).frames)
            return
        }
        logger.debug("sending dataset", metadata: ["job": "\(job.id)", "bytes": "\(bundle.count)", "worker": "\(workers[peer]?.name ?? "?")"])
        reply(peer, WorkerMessage.dataset(hash: hash, bundle: bundle).frames)
    }

    /// Forgets a worker and re-queues the tasks it held (lost, not failed).
    func releaseWorker(_ peer: PeerID, reason: String) throws {
        guard let session = workers.removeValue(forKey: peer) else { return }
        workerOrder.removeAll { $0 == peer }
        var requeued = 0
        try store.begin()
        for key in session.inFlight {
            guard leases[key]?.worker == peer else { continue }
            if try revokeLease(key) { requeued += 1 }
        }
        try store.recordWorker(name: session.name, threads: session.threads, credit: session.credit,
                               state: reason, now: MonotonicClock.wall(), tasksDone: session.tasksDoneUnsaved)
        let metadata: Logger.Metadata = ["worker": "\(session.name)", "requeued": "\(requeued)"]
        if reason == "left" || reason == "registered again" {
            logger.info("worker released (\(reason))", metadata: metadata)
        } else {
            logger.warning("worker lost: \(reason)", metadata: metadata)
        }
    }

    /// Heartbeats, dead workers, expired leases, counters.
    func runTimers(now: Double) throws {
        for peer in workerOrder {
            guard let session = workers[peer] else { continue }
            if now - session.lastHeard > config.heartbeatTimeout {
                try releaseWorker(peer, reason: "no message for \(Int(now - session.lastHeard)) s")
            } else if now - session.lastSent >= config.heartbeatInterval {
                do {
                    if try router.send([peer.bytes] + WorkerMessage.heartbeat.frames) { workers[peer]?.lastSent = now }
                } catch {
                    // EHOSTUNREACH: the connection is gone (e.g. the process was killed).
                    try releaseWorker(peer, reason: "disconnected (\(error))")
                }
            }
        }
        let expired = leases.filter { $0.value.deadline < now }
        for (key, lease) in expired {
            guard try revokeLease(key) else { continue }
            logger.warning("lease expired, task re-queued", metadata: [
                "job": "\(jobID(serial: key.serial) ?? "?")", "task": "\(key.index)", "worker": "\(workers[lease.worker]?.name ?? "gone")"])
        }
        try persistCounters()
    }

    /// Ends a lease without a result and re-queues the task first in line, counting it as
    /// lost (not failed). False when the task needs no re-run (finished or job inactive).
    func revokeLease(_ key: TaskKey) throws -> Bool {
        leases.removeValue(forKey: key)
        guard let job = jobs.values.first(where: { $0.serial == key.serial }), job.state.isActive, job.state != .aggregating, !job.done.contains(key.index) else { return false }
        job.requeued.pushFront(key.index)
        job.lost += 1
        job.countersDirty = true
        try store.begin()
        try store.recordLost(job: job.serial, index: key.index)
        return true
    }

    func persistCounters() throws {
        for job in jobs.values where job.countersDirty {
            try store.begin()
            try store.setCounters(serial: job.serial, retries: job.retries, lost: job.lost)
            job.countersDirty = false
        }
        for peer in workerOrder {
            guard let session = workers[peer], session.tasksDoneUnsaved > 0 else { continue }
            try store.begin()
            try store.recordWorker(name: session.name, threads: session.threads, credit: session.credit,
                                   state: "ready", now: MonotonicClock.wall(), tasksDone: session.tasksDoneUnsaved)
            workers[peer]?.tasksDoneUnsaved = 0
        }
    }
}
