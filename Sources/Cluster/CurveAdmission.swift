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
package final class CurveAdmission {
    /// ZAP domain of the coordinator's socket (appears in every ZAP request).
    package static let domain = "transborder"

    package let credentials: CurveServerCredentials
    package let monitorEndpoint: String
    private let handler: ZAPHandler

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
        handler = try ZAPHandler(
            context: context, monitorEndpoint: monitorEndpoint,
            decide: { request in
                Self.decide(request, authorized: authorized)
            },
            report: { event in
                Self.log(event, logger: logger, throttle: throttle)
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

    static func decide(_ request: ZAPRequest, authorized: AuthorizedKeys) -> ZAPDecision {
        guard request.mechanism == "CURVE" else { return .refuse("only CURVE is accepted") }
        guard let key = request.curveKey else { return .refuse("malformed CURVE credentials") }
        guard let name = authorized.name(of: key) else { return .refuse("key not authorized") }
        return .admit(userID: name)
    }

    /// Logs one handler event; repeated refusals of the same peer for the same reason are
    /// warnings once a minute and debug lines in between (see `RefusalThrottle`).
    static func log(_ event: ZAPHandler.Event, logger: Logger, throttle: RefusalThrottle) {
        switch event {
        case .decided(let request, let decision):
            let key = request.curveKey?.z85 ?? "none"
            if decision.isAdmitted {
                logger.info(
                    "admitted CURVE key", metadata: ["key": "\(key)", "name": "\(decision.userID)", "address": "\(request.address)"])
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
