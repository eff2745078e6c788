import Synchronization
import Logging
import ZeroMQ

/// The coordinator's gate: a ZAP handler that admits only authorized CURVE keys, and
/// the options that make its ROUTER a CURVE server under that handler.
///
/// Order matters (libzmq 4.3 admits every CURVE peer while no handler is bound, unless
/// `ZMQ_ZAP_ENFORCE_DOMAIN` is available, which `secure` also sets):
/// `init` (handler bound) → `secure(router)` → `router.bind` … `router.close()` → `stop()`.
/// Every refusal is logged at warning level with what is known: the key (Z85) and
/// address for a key that is not listed; the reason and the peer address (when it can be
/// attributed, see `ConnectionEvent`) for a peer libzmq turns away before ZAP, e.g. a
/// plaintext client.
///
/// The keys can change while it runs (`update`, when the coordinator re-reads its
/// folder): the next handshake is decided against the new set. An admitted peer's ZAP
/// user id is its key in Z85, so that the coordinator can tell from every message
/// (`ReceivedMessage.userID`) whether its key is still authorized — also after a key
/// was replaced under the same file name.
package final class CurveAdmission {
    /// ZAP domain of the coordinator's socket (appears in every ZAP request).
    package static let domain = "transborder"

    package let credentials: CurveServerCredentials
    package let monitorEndpoint: String
    private let handler: ZAPHandler
    /// The keys admitted now: read by the handler's thread, replaced by the coordinator's.
    private let current: CurrentKeys

    /// A Sendable home for the mutex both threads share.
    private final class CurrentKeys: Sendable {
        let keys: Mutex<AuthorizedKeys>
        init(_ keys: AuthorizedKeys) { self.keys = Mutex(keys) }
        var value: AuthorizedKeys { keys.withLock { $0 } }
    }

    private static let counter = Mutex(0)

    /// Binds the ZAP handler in `context` (the coordinator's) on its own thread.
    package init(context: ZMQContext, credentials: CurveServerCredentials, logger: Logger) throws {
        self.credentials = credentials
        let serial = Self.counter.withLock { counter -> Int in
            counter += 1
            return counter
        }
        monitorEndpoint = "inproc://transborder-curve-monitor-\(serial)"
        let authorized = credentials.authorized
        let throttle = RefusalThrottle()
        let current = CurrentKeys(authorized)
        self.current = current
        handler = try ZAPHandler(
            context: context, monitorEndpoint: monitorEndpoint,
            decide: { request in
                Self.decide(request, authorized: current.value)
            },
            report: { event in
                Self.log(event, logger: logger, throttle: throttle, authorized: current.value)
            })
        logger.info(
            "CURVE on: admitting \(authorized.count) key(s)",
            metadata: [
                "server_key": "\(credentials.keyPair.publicKey.z85)",
                "keys": "\(authorized.names.values.sorted().joined(separator: ","))",
            ])
    }

    deinit { handler.stop() }

    /// Makes `router` (before `bind`) a CURVE server guarded by this handler.
    package func secure(_ router: ZMQSocket) throws {
        try router.setCurveServer(secretKey: credentials.keyPair.secretKey)
        try router.setZAPDomain(Self.domain)
        router.enforceZAPDomain()
        try router.monitorConnections(at: monitorEndpoint)
    }

    /// Stops the handler; call after the router is closed.
    package func stop() { handler.stop() }

    /// The keys admitted from now on (connections already admitted are the caller's to drop).
    package func update(_ keys: AuthorizedKeys) {
        current.keys.withLock { $0 = keys }
    }

    /// Admits a listed CURVE key with its Z85 text as user id (the key's name is only for logs).
    static func decide(_ request: ZAPRequest, authorized: AuthorizedKeys) -> ZAPDecision {
        guard request.mechanism == "CURVE" else { return .refuse("only CURVE is accepted") }
        guard let key = request.curveKey else { return .refuse("malformed CURVE credentials") }
        guard authorized.name(of: key) != nil else { return .refuse("key not authorized") }
        return .admit(userID: key.z85)
    }

    /// Logs one handler event; repeated refusals of the same peer for the same reason are
    /// warnings once a minute and debug lines in between (see `RefusalThrottle`).
    static func log(_ event: ZAPHandler.Event, logger: Logger, throttle: RefusalThrottle, authorized: AuthorizedKeys) {
        switch event {
        case .decided(let request, let decision):
            let key = request.curveKey?.z85 ?? "none"
            if decision.isAdmitted {
                let name = request.curveKey.flatMap(authorized.name(of:)) ?? "?"
                logger.info("admitted CURVE key", metadata: ["key": "\(key)", "name": "\(name)", "address": "\(request.address)"])
            } else {
                let level: Logger.Level = throttle.shouldWarn("zap \(key) \(request.address)") ? .warning : .debug
                logger.log(
                    level: level, "refused connection: \(decision.statusText)",
                    metadata: [
                        "key": "\(key)", "address": "\(request.address)", "mechanism": "\(request.mechanism)",
                    ])
            }
        case .malformedRequest(let frames):
            logger.warning("refused connection: malformed ZAP request", metadata: ["frames": "\(frames)"])
        case .connection(let event):
            var metadata: Logger.Metadata = ["endpoint": "\(event.endpoint)"]
            if let peer = event.peer { metadata["peer"] = "\(peer)" }
            switch event.kind {
            case .handshakeFailedProtocol, .handshakeFailed:
                // Throttled per reason and peer host (the port changes with every retry).
                let host = event.peer.map(ConnectionEvent.host(of:)) ?? "unknown"
                let level: Logger.Level = throttle.shouldWarn("\(event.kind) \(event.value) \(host)") ? .warning : .debug
                logger.log(level: level, "refused connection: \(event.reason)", metadata: metadata)
            case .handshakeFailedAuthentication:
                logger.debug("handshake refused after ZAP", metadata: metadata)
            case .accepted, .handshakeSucceeded, .disconnected:
                logger.debug("\(event.reason)", metadata: metadata)
            }
        }
    }
}
