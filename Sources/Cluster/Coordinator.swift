import ClusterProtocol
import Foundation
import JobStore
import Logging
import ZeroMQ

/// The coordinator: one ROUTER socket that workers and clients connect to, one SQLite
/// store, one thread.
///
/// Each loop iteration: poll (≤ 100 ms) → read up to `maxMessagesPerIteration` messages,
/// staging every write in one store transaction → timers (heartbeats, dead workers,
/// expired leases) → **commit** → send the replies held back during the iteration →
/// dispatch tasks to workers with free credit. Nothing is acknowledged (no reply, no new
/// credit) before the writes it depends on are committed.
///
/// Create and run it on the same thread: the sockets and the store connection belong to it.
package final class Coordinator {
    let config: CoordinatorConfiguration
    let logger: Logger
    let context: ZMQContext
    let router: ZMQSocket
    let wake: WakeSignal
    let wakeReceiver: ZMQSocket
    let store: JobStore
    let aggregator: Aggregator
    /// Preparing submissions and hashing result files, off the loop.
    let background: BackgroundWork
    let admission: CurveAdmission?
    /// The CURVE keys admitted now, by Z85 text (each message's ZAP user id) → file name;
    /// what `--authorized-keys` held when last read (`Coordinator+Keys`).
    var authorizedIDs: [String: String] = [:]
    var authorizedKeys = AuthorizedKeys([:])
    /// The authorized-keys folder as last seen (re-read when it differs).
    var keyFolderSeen: KeyFolderFingerprint?
    /// The Prometheus scrape endpoint (`--metrics`), nil when not asked for.
    let metrics: MetricsEndpoint?
    /// Task results stored since start (a Prometheus counter).
    var resultsStored = 0

    /// The endpoint actually bound (with the tcp port resolved).
    package let endpoint: String

    var workers = WorkerRegistry()
    var dispatchStart = 0
    /// Active jobs and the final status of finished ones.
    var jobs = JobTable()
    /// Jobs whose last result is stored and that wait for aggregation.
    var completed: [String] = []
    var leases = LeaseTable()
    /// Messages (or task answers) dropped since start, by `DropReason`.
    var dropped: [String: Int] = [:]
    let dropLogThrottle = RefusalThrottle()
    /// Since when each job waits with tasks left and no eligible worker (monotonic seconds).
    var waitingSince: [String: Double] = [:]
    let waitLogThrottle = RefusalThrottle()
    /// Jobs that got new results in this iteration (their folds are woken after the commit).
    var committedResults: Set<String> = []
    /// Replies held until the iteration's commit.
    var outbox: [(PeerID, [[UInt8]])] = []
    var accepting = true
    var lastTimerRun = 0.0
    var lastKeyCheck = 0.0
    /// Housekeeping (`Coordinator+Maintenance`): when each last ran, and what changed since.
    var lastMaintenance = 0.0
    var lastCheckpoint = MonotonicClock.now()
    var lastRetention = 0.0
    var lastTrim = 0.0
    var storeChangedSinceCheckpoint = false
    var jobsFinishedSinceTrim = 0

    package init(configuration: CoordinatorConfiguration, logger: Logger) throws {
        config = configuration
        self.logger = logger
        context = try ZMQContext()
        router = try context.socket(.router)
        // Larger than the message limit, so that an oversized request is still received
        // and answered (ERROR 9) rather than silently cut off by libzmq.
        try router.setMaxMessageSize(
            configuration.maxMessageBytes.multipliedReportingOverflow(by: WireProtocol.receiveCeilingFactor).overflow
                ? Int.max : configuration.maxMessageBytes * WireProtocol.receiveCeilingFactor)
        try router.setHighWaterMarks(send: configuration.highWaterMark, receive: configuration.highWaterMark)
        try router.setRouterMandatory(true)
        if let curve = configuration.curve {
            let admission = try CurveAdmission(context: context, credentials: curve, logger: logger)
            try admission.secure(router)
            self.admission = admission
            authorizedKeys = curve.authorized
            authorizedIDs = Self.userIDs(curve.authorized)
            keyFolderSeen = curve.folder.flatMap(KeyFolderFingerprint.take(folder:))
        } else {
            admission = nil
        }
        try router.bind(configuration.bind)
        endpoint = (try? router.lastEndpoint) ?? configuration.bind
        if let bind = configuration.metricsBind {
            metrics = try MetricsEndpoint(context: context, bind: bind)
        } else {
            metrics = nil
        }
        let wake = try WakeSignal(context: context)
        self.wake = wake
        wakeReceiver = try wake.makeReceiver()
        store = try JobStore(path: configuration.storePath, ephemeral: configuration.ephemeralStore)
        aggregator = Aggregator(wake: wake, logger: logger)
        background = BackgroundWork(wake: wake)
        try FileManager.default.createDirectory(at: configuration.resultsDirectory, withIntermediateDirectories: true)
        try resume()
        configuration.onListening?(endpoint)
        logger.info("coordinator listening", metadata: ["endpoint": "\(endpoint)", "store": "\(configuration.storePath)"])
        if let metrics { logger.info("metrics endpoint listening", metadata: ["endpoint": "\(metrics.endpoint)", "path": "/metrics"]) }
    }

    /// Serves until `stop` is requested, then stops accepting jobs, commits, tells the
    /// workers it is leaving, and returns.
    package func run(until stop: StopSignal) throws {
        var poller = ZMQPoller()
        poller.addReadable(router)
        poller.addReadable(wakeReceiver)
        if let metrics { poller.addReadable(metrics.socket) }
        let stopWake = try StopWake(wake: wake, stop: stop)
        defer { stopWake.close() }
        while !stop.isRequested {
            _ = try poller.poll(timeoutMilliseconds: 100)
            if poller.isReadable(1) { WakeSignal.drain(wakeReceiver) }
            if let metrics, poller.isReadable(2) { try metrics.serve { try scrapeText() } }
            try iterate()
        }
        try shutdown()
    }

    /// One loop iteration after `zmq_poll` (see the type's documentation).
    func iterate() throws {
        var handled = 0
        while handled < config.maxMessagesPerIteration,
            let message = try router.receive(
                dontWait: true, maxFrames: WireProtocol.maxFrames, maxBytes: config.maxMessageBytes,
                readUserID: { admission != nil && !workers.contains(PeerID($0)) })
        {
            handled += 1
            try handle(message)
        }
        try collectBackgroundWork()
        try collectAggregations()
        let now = MonotonicClock.now()
        if config.keyReload?.take() ?? false {
            lastKeyCheck = now
            try checkAuthorizedKeys(requested: true)
        } else if config.keyCheckInterval > 0 && now - lastKeyCheck >= config.keyCheckInterval {
            lastKeyCheck = now
            try checkAuthorizedKeys(requested: false)
        }
        if now - lastTimerRun >= min(1.0, config.heartbeatInterval) {
            lastTimerRun = now
            try runTimers(now: now)
        }
        try store.commit()
        notifyFolds()
        try startAggregations()
        flushOutbox()
        try dispatch()
        if handled > 0 { storeChangedSinceCheckpoint = true }
        if now - lastMaintenance >= 1.0 {
            lastMaintenance = now
            try maintain(now: now)
        }
    }

    func shutdown() throws {
        accepting = false
        logger.info("coordinator stopping: committing state and releasing workers")
        try persistCounters()  // stores (and zeroes) every worker's unsaved count: once
        for session in workers.all {
            try store.begin()
            try store.recordWorker(
                name: session.name, threads: session.threads, credit: session.credit,
                state: .coordinatorStopped, now: MonotonicClock.wall(), tasksDone: 0)
        }
        try store.commit()
        for peer in workers.order {
            send(peer, WorkerMessage.disconnect(reason: .shutdown, text: "coordinator shutting down").frames)
        }
        flushOutbox()
        aggregator.cancelAll()
        router.close()
        metrics?.close()
        wakeReceiver.close()
        admission?.stop()
        logger.info("coordinator stopped")
    }

    // MARK: replies

    /// Queues a reply, sent after the iteration's commit.
    func reply(_ peer: PeerID, _ frames: [[UInt8]]) {
        outbox.append((peer, frames))
    }

    func flushOutbox() {
        for (peer, frames) in outbox { send(peer, frames) }
        outbox.removeAll(keepingCapacity: true)
    }

    /// Sends now; a vanished or full peer is logged, never fatal.
    @discardableResult
    func send(_ peer: PeerID, _ frames: [[UInt8]]) -> Bool {
        do {
            let sent = try router.send([peer.bytes] + frames)
            if !sent { logger.warning("peer queue full, message dropped", metadata: ["peer": "\(peer)"]) }
            return sent
        } catch let error as ZMQError where error.isHostUnreachable {
            logger.debug("peer gone, message dropped", metadata: ["peer": "\(peer)"])
            return false
        } catch {
            logger.warning("send failed", metadata: ["peer": "\(peer)", "error": "\(error)"])
            return false
        }
    }

    // MARK: inbound

    func handle(_ message: ReceivedMessage) throws {
        guard let first = message.frames.first else { return }
        let peer = PeerID(first)
        // With CURVE, the key of every peer but a registered worker is checked here (`iterate`
        // asks for it): a registered worker's key was checked when it registered and at every
        // re-read of the keys since (a revoked one is released then).
        if message.userIDRequested, message.userID.flatMap({ authorizedIDs[$0] }) == nil {
            return refuseUnauthorized(peer, message)
        }
        guard message.withinLimits else {
            let limit = "\(config.maxMessageBytes) bytes and \(WireProtocol.maxFrames - 1) frames"
            drop(
                .oversized, peer: peer, "message over the limit of \(limit)",
                metadata: ["frames": "\(message.frameCount - 1)", "bytes": "\(message.byteCount - first.count)"])
            if message.frames.count > 1, message.frames[1] == WireProtocol.clientHeader {
                reply(
                    peer,
                    ClientMessage.error(
                        code: .tooLarge,
                        message:
                            "request of \(message.byteCount - first.count) bytes in \(message.frameCount - 1) frames is over this coordinator's limit of \(limit) (--max-message-bytes)"
                    ).frames)
            }
            return
        }
        let decoded: InboundMessage
        do {
            decoded = try InboundMessage.decode(message.frames.dropFirst())
        } catch let error {
            refuseOrDrop(peer, frames: message.frames, error: error)
            return
        }
        switch decoded {
        case .worker(let m): try handleWorker(peer, m, key: message.userID)
        case .client(let m): try handleClient(peer, m)
        }
    }

    /// Refuses a peer of another protocol version — in its own header and byte order
    /// (`WireProtocol.refusal`) — or drops an invalid message.
    func refuseOrDrop(_ peer: PeerID, frames: [[UInt8]], error: FrameError) {
        if case .unsupportedVersion(let header) = error {
            dropped[DropReason.unsupportedVersion.rawValue, default: 0] += 1
            let theirs = Array(header.utf8)
            let ours = String(decoding: header.hasPrefix("TBW") ? WireProtocol.workerHeader : WireProtocol.clientHeader, as: UTF8.self)
            if header.hasPrefix("TBW") {
                logger.warning("refused worker: protocol version \(header), this coordinator speaks \(ours)", metadata: ["peer": "\(peer)"])
                let refusal = WorkerMessage.disconnect(
                    reason: .unsupportedVersion,
                    text: "protocol version \(header) not supported; this coordinator speaks \(ours)"
                ).frames
                reply(peer, WireProtocol.refusal(refusal, inHeader: theirs))
            } else {
                logger.warning("refused client: protocol version \(header), this coordinator speaks \(ours)", metadata: ["peer": "\(peer)"])
                let refusal = ClientMessage.error(
                    code: .unsupportedVersion,
                    message: "protocol version \(header) not supported; this coordinator speaks \(ours)"
                ).frames
                reply(peer, WireProtocol.refusal(refusal, inHeader: theirs))
            }
            return
        }
        dropped[DropReason.invalid.rawValue, default: 0] += 1
        logger.warning("dropped invalid message: \(error)", metadata: ["peer": "\(peer)", "frames": "\(frames.count - 1)"])
        if frames.count > 1, frames[1] == WireProtocol.clientHeader {
            reply(peer, ClientMessage.error(code: .malformedRequest, message: "\(error)").frames)
        }
    }
}
