import ClusterProtocol
import Foundation
import Logging
import ZeroMQ

/// A worker process's I/O thread: one DEALER to the coordinator, a pool of compute threads.
///
/// Registers with READY, computes the TASKs it receives (fetching each job's bundle once,
/// by content hash, and preparing it once), returns results in batches, heartbeats, and
/// reconnects with a fresh socket and backoff when the coordinator goes silent (Paranoid
/// Pirate). On stop it hands back queued tasks, finishes running ones, says DISCONNECT.
package final class WorkerLoop {
    let config: WorkerConfiguration
    var logger: Logger
    let context: ZMQContext
    let wake: WakeSignal
    let wakeReceiver: ZMQSocket
    let pool: TaskPool

    /// Prepared jobs by bundle hash (a few recent ones).
    var prepared: [String: any PreparedJob] = [:]
    var preparedOrder: [String] = []
    /// Tasks waiting for their bundle, by bundle hash.
    var waiting: [String: [(job: String, task: TaskAssignment)]] = [:]
    var pending: [ComputedTask] = []
    /// Number of the current connection: answers computed for an earlier one are dropped
    /// (the coordinator released those leases and re-queued the tasks).
    var currentSession = 0
    /// Whether the current connection was acknowledged (HEARTBEAT or TASK after READY).
    var sessionRegistered = false

    package init(configuration: WorkerConfiguration, logger: Logger) throws {
        config = configuration
        self.logger = logger
        self.logger[metadataKey: "worker"] = "\(configuration.name)"
        context = try ZMQContext()
        wake = try WakeSignal(context: context)
        wakeReceiver = try wake.makeReceiver()
        pool = TaskPool(threads: configuration.threads, wake: wake)
    }

    deinit { pool.stop() }

    /// Why the loop ended.
    package enum Exit: Sendable, Equatable {
        /// Stopped on request after draining.
        case stopped
        /// The coordinator refused this worker (e.g. protocol version, or its key
        /// `refusalLimit` times in a row); do not restart.
        case refused(String)
    }

    /// Serves until `stop` is requested (then drains) or the coordinator refuses us.
    package func run(until stop: StopSignal) throws -> Exit {
        let stopWake = try StopWake(wake: wake, stop: stop)
        defer { stopWake.close() }
        var backoff = Backoff(initial: config.backoffInitial, maximum: config.backoffMaximum)
        var refusals = 0
        while !stop.isRequested {
            let end = try session(stop: stop)
            if sessionRegistered {
                backoff.reset()
                refusals = 0
            }
            switch end {
            case .reconnectNow:
                continue
            case .refused(let reason):
                pool.clearQueue()
                waiting.removeAll()
                refusals += 1
                if let limit = config.refusalLimit, refusals >= limit {
                    logger.error(
                        "refused by the coordinator \(refusals) times in a row: giving up (--retry-refused keeps trying)",
                        metadata: ["endpoint": "\(config.endpoint)"])
                    pool.stop()
                    return .refused("\(reason) (refused \(refusals) times in a row)")
                }
                if stop.isRequested { break }
                let delay = backoff.next()
                let count = config.refusalLimit.map { "\(refusals) of \($0)" } ?? "\(refusals)"
                logger.warning(
                    "refused by the coordinator (\(count)); retrying in \(delay) s", metadata: ["endpoint": "\(config.endpoint)"])
                pause(delay, unless: stop)
            case .reconnectLater(let why):
                // Not a refusal (the coordinator is down or leaving): the refusals are no longer in a row.
                refusals = 0
                pool.clearQueue()
                waiting.removeAll()
                if stop.isRequested { break }
                let delay = backoff.next()
                switch why {
                case .silence:
                    logger.warning("coordinator not answering; reconnecting in \(delay) s", metadata: ["endpoint": "\(config.endpoint)"])
                case .coordinatorLeft:
                    // A coordinator that says goodbye (logged by the session) is restarting or
                    // being torn down, as at the end of every `run`: not a fault, not a warning.
                    logger.info("reconnecting in \(delay) s", metadata: ["endpoint": "\(config.endpoint)"])
                }
                pause(delay, unless: stop)
            case .finished(let exit):
                pool.stop()
                return exit
            }
        }
        pool.stop()
        return .stopped
    }

    /// Waits `seconds` before the next connection, in 10 ms steps so that a stop request
    /// ends the wait at once.
    private func pause(_ seconds: Double, unless stop: StopSignal) {
        let until = MonotonicClock.now() + seconds
        while MonotonicClock.now() < until && !stop.isRequested { usleep(10_000) }
    }

    enum SessionEnd {
        case reconnectNow
        case reconnectLater(PauseReason)
        /// The coordinator turned this worker away (handshake refusal, DISCONNECT 6).
        case refused(String)
        case finished(Exit)
    }

    /// Why a session ends with a pause before the next one.
    enum PauseReason {
        /// No message within the heartbeat timeout (or never registered).
        case silence
        /// The coordinator said it was shutting down or leaving.
        case coordinatorLeft
    }

    /// One connection's life: from READY to silence, refusal, re-registration or stop.
    func session(stop: StopSignal) throws -> SessionEnd {
        currentSession += 1
        sessionRegistered = false
        pool.clearQueue()
        waiting.removeAll()
        pending.removeAll()
        let socket = try context.socket(.dealer)
        defer { socket.close() }
        try socket.setMaxMessageSize(config.maxMessageBytes)
        try socket.setHighWaterMarks(send: 10_000, receive: 10_000)
        try socket.setReconnectInterval(milliseconds: 200, maximum: 2000)
        try config.curve?.apply(to: socket)
        let handshakes = try HandshakeWatch(context: context, socket: socket, usesCurve: config.curve != nil)
        // Runs before `socket.close()`: the monitor stops, then its reader closes (HandshakeWatch.close).
        defer { handshakes.close() }
        try socket.connect(config.endpoint)
        try socket.send(WorkerMessage.ready(name: config.name, threads: config.threads, credit: config.credit).frames, dontWait: false)
        logger.info(
            "connecting", metadata: ["endpoint": "\(config.endpoint)", "threads": "\(config.threads)", "credit": "\(config.credit)"])

        var poller = ZMQPoller()
        poller.addReadable(socket)
        poller.addReadable(wakeReceiver)
        handshakes.addReadable(to: &poller)
        // Hang-ups during the handshake: not a refusal by themselves, said if silence follows.
        var hangUps: [String] = []
        var lastHeard = MonotonicClock.now()
        var lastSent = lastHeard
        var registered = false
        var drainDeadline: Double?

        var pendingSince = 0.0
        while true {
            _ = try poller.poll(timeoutMilliseconds: pending.isEmpty ? 100 : 2)
            let now = MonotonicClock.now()
            if poller.isReadable(1) { WakeSignal.drain(wakeReceiver) }
            if poller.isReadable(2) {
                let refusals = handshakes.refusals()
                if let refusal = refusals.first(where: \.isDefinite) {
                    logger.error("\(refusal.reason)", metadata: ["endpoint": "\(config.endpoint)"])
                    return stop.isRequested ? .finished(.stopped) : .refused(refusal.reason)
                }
                hangUps.append(contentsOf: refusals.map(\.reason))
            }

            if stop.isRequested && drainDeadline == nil {
                let handedBack = pool.clearQueue()
                waiting.removeAll()
                drainDeadline = now + config.drainTimeout
                logger.info("stopping: finishing running tasks, handing back \(handedBack) queued")
                if !registered { return .finished(.stopped) }
            }

            while let message = try socket.receive(dontWait: true, maxFrames: WireProtocol.maxFrames, maxBytes: config.maxMessageBytes) {
                guard message.withinLimits else {
                    logger.warning(
                        "dropped oversized message", metadata: ["frames": "\(message.frameCount)", "bytes": "\(message.byteCount)"])
                    continue
                }
                guard message.frames.first == WireProtocol.workerHeader else {
                    logger.warning("dropped message with unknown header")
                    continue
                }
                let decoded: WorkerMessage
                do { decoded = try WorkerMessage.decode(message.frames.dropFirst()) } catch {
                    logger.warning("dropped invalid message: \(error)")
                    continue
                }
                lastHeard = now
                switch decoded {
                case .heartbeat:
                    if !registered { logger.info("registered", metadata: ["endpoint": "\(config.endpoint)"]) }
                    registered = true
                    sessionRegistered = true
                case .tasks(let job, let hash, let tasks):
                    registered = true
                    sessionRegistered = true
                    if drainDeadline != nil { continue }  // handed back by DISCONNECT
                    try receiveTasks(socket, job: job, hash: hash, tasks: tasks)
                case .dataset(let hash, let bundle):
                    try receiveDataset(socket, hash: hash, bytes: bundle)
                case .revoke(let job, let indices):
                    revoke(job: job, indices: indices)
                case .disconnect(let reason, let text):
                    switch reason {
                    case .unsupportedVersion, .replaced, .other:
                        logger.error("coordinator refused this worker: \(text)")
                        return .finished(.refused(text))
                    case .unknownWorker:
                        logger.info("coordinator does not know this worker (restarted?): registering again")
                        return .reconnectNow
                    case .keyNotAuthorized:
                        logger.error("coordinator refused this worker: \(text)")
                        if drainDeadline != nil { return .finished(.stopped) }
                        return .refused(text)
                    case .shutdown, .leaving:
                        logger.info("coordinator left: \(text)")
                        if drainDeadline != nil { return .finished(.stopped) }
                        return .reconnectLater(.coordinatorLeft)
                    }
                case .ready, .results, .failed, .datasetRequest:
                    logger.warning("dropped worker-only command sent by the coordinator")
                }
            }

            var outcomes = pool.takeOutcomes()
            let session = currentSession
            if outcomes.contains(where: { $0.session != session }) { outcomes.removeAll { $0.session != session } }
            if pending.isEmpty && !outcomes.isEmpty { pendingSince = now }
            pending.append(contentsOf: outcomes)
            // Batch results: send when many are ready, when nothing else is queued, or after 2 ms.
            if !pending.isEmpty, pending.count >= 256 || pool.queued == 0 || now - pendingSince >= 0.002 || drainDeadline != nil,
                try flushResults(socket)
            {
                lastSent = now
                pendingSince = now
            }

            if now - lastSent >= config.heartbeatInterval {
                if try socket.send(WorkerMessage.heartbeat.frames) { lastSent = now }
            }
            if let deadline = drainDeadline, (pool.busy == 0 && pending.isEmpty) || now > deadline {
                _ = try socket.send(WorkerMessage.disconnect(reason: .leaving, text: "worker stopping").frames)
                logger.info("left the coordinator")
                // Give libzmq a moment to hand the goodbye to the kernel (LINGER is 0). A linger
                // on close is not enough: the process may exit before the context is terminated.
                if config.goodbyeSeconds > 0 { usleep(UInt32(config.goodbyeSeconds * 1_000_000)) }
                return .finished(.stopped)
            }
            if now - lastHeard > config.heartbeatTimeout {
                // Silence may be a refusal: the coordinator logs it, say it here too.
                let reasons = Set(hangUps + handshakes.failures()).sorted()
                for reason in reasons {
                    logger.error("\(reason)", metadata: ["endpoint": "\(config.endpoint)"])
                }
                if registered { return .reconnectNow }
                // Never admitted, and the handshake broke off: a refusal libzmq reported as a
                // hang-up (a server key that does not decrypt; a ZAP refusal racing the close).
                if let reason = reasons.last { return .refused(reason) }
                return .reconnectLater(.silence)
            }
        }
    }

    /// Drops queued and waiting tasks of `job` (all of them when `indices` is empty): the
    /// coordinator took them back (job cancelled or failed, lease expired) and already
    /// returned their credit. Running ones finish; their outcome is sent unless the whole
    /// job was revoked (the coordinator accepts it only while the task is unfinished).
    func revoke(job: String, indices: [Int]) {
        let wanted = Set(indices)
        let matches: (String, Int) -> Bool = { j, i in j == job && (wanted.isEmpty || wanted.contains(i)) }
        let dropped = pool.remove { matches($0.job, $0.task.index) }
        var waitingDropped = 0
        for (hash, list) in waiting {
            let kept = list.filter { !matches($0.job, $0.task.index) }
            waitingDropped += list.count - kept.count
            waiting[hash] = kept
        }
        if wanted.isEmpty { pending.removeAll { $0.job == job } }
        logger.info(
            "coordinator revoked tasks",
            metadata: [
                "job": "\(job)", "tasks": "\(wanted.isEmpty ? "all" : "\(wanted.count)")", "dropped": "\(dropped + waitingDropped)",
            ])
    }

    func receiveTasks(_ socket: ZMQSocket, job: String, hash: String, tasks: [TaskAssignment]) throws {
        if let ready = prepared[hash] {
            pool.enqueue(tasks.map { WorkItem(job: job, task: $0, prepared: ready, session: currentSession) })
            return
        }
        let first = waiting[hash] == nil
        waiting[hash, default: []].append(contentsOf: tasks.map { (job: job, task: $0) })
        if first {
            logger.debug("fetching dataset", metadata: ["job": "\(job)", "hash": "\(hash)"])
            try socket.send(WorkerMessage.datasetRequest(hash: hash).frames, dontWait: false)
        }
    }

    func receiveDataset(_ socket: ZMQSocket, hash: String, bytes: [UInt8]) throws {
        guard let tasks = waiting.removeValue(forKey: hash) else { return }
        let result: Result<any PreparedJob, TaskError>
        do {
            guard !bytes.isEmpty else { throw TaskError(message: "the coordinator has no dataset \(hash)") }
            let bundle = try JobBundle(encoded: bytes)
            guard bundle.contentHash == hash else { throw TaskError(message: "dataset does not match its hash \(hash)") }
            guard let backend = config.backends[bundle.kind] else {
                throw TaskError(message: "worker \(config.name) has no backend for job kind '\(bundle.kind)'")
            }
            result = .success(try backend.prepare(bundle))
        } catch let error as TaskError {
            result = .failure(error)
        } catch {
            result = .failure(TaskError(message: String(describing: error)))
        }
        switch result {
        case .success(let job):
            prepared[hash] = job
            preparedOrder.append(hash)
            if preparedOrder.count > 8 { prepared.removeValue(forKey: preparedOrder.removeFirst()) }
            logger.debug("dataset ready", metadata: ["hash": "\(hash)", "bytes": "\(bytes.count)"])
            pool.enqueue(tasks.map { WorkItem(job: $0.job, task: $0.task, prepared: job, session: currentSession) })
        case .failure(let error):
            logger.error("cannot prepare job: \(error.message)", metadata: ["hash": "\(hash)"])
            pending.append(
                contentsOf: tasks.map { ComputedTask(job: $0.job, task: $0.task, outcome: .failure(error), session: currentSession) })
        }
    }

    /// Sends pending outcomes: results batched per job, failures one by one. Keeps what
    /// could not be queued (send high-water mark) for the next iteration.
    func flushResults(_ socket: ZMQSocket) throws -> Bool {
        var sentAny = false
        var rest: [ComputedTask] = []
        var batches: [String: (indices: [Int], payloads: [[UInt8]])] = [:]
        var order: [String] = []
        for item in pending {
            switch item.outcome {
            case .success(let bytes):
                if batches[item.job] == nil { order.append(item.job) }
                batches[item.job, default: ([], [])].indices.append(item.task.index)
                batches[item.job, default: ([], [])].payloads.append(bytes)
            case .failure(let error):
                logger.warning(
                    "task failed: \(error.message)",
                    metadata: ["job": "\(item.job)", "task": "\(item.task.index)", "attempt": "\(item.task.attempt)"])
                if try socket.send(WorkerMessage.failed(job: item.job, task: item.task, error: error.message).frames) {
                    sentAny = true
                } else {
                    rest.append(item)
                }
            }
        }
        for job in order {
            guard let batch = batches[job] else { continue }
            var start = 0
            while start < batch.indices.count {
                let end = min(batch.indices.count, start + WireProtocol.maxBatch)
                let message = WorkerMessage.results(
                    job: job, indices: Array(batch.indices[start..<end]),
                    payloads: Array(batch.payloads[start..<end]))
                if try socket.send(message.frames) {
                    sentAny = true
                } else {
                    for i in start..<end {
                        rest.append(
                            ComputedTask(
                                job: job, task: TaskAssignment(index: batch.indices[i], attempt: 0),
                                outcome: .success(batch.payloads[i]), session: currentSession))
                    }
                }
                start = end
            }
        }
        pending = rest
        return sentAny
    }
}
