import CZeroMQ

/// Watches a connecting socket's security handshakes through its monitor, so that a
/// worker or client the server turns away can say why instead of only timing out.
///
/// Create it on the socket's thread before `connect`; `failures()` and `refusals()` never
/// block; `addReadable(to:)` lets a loop wake up as soon as an event arrives.
package final class HandshakeWatch {
    /// A handshake the server turned away, as this side saw it.
    package struct Refusal: Sendable, Hashable {
        package var event: ConnectionEvent
        /// Why, for this side's own log (`clientReason`).
        package var reason: String
        /// Whether the server itself refused (its ZAP handler, or a security mechanism or
        /// key that cannot match), as opposed to a hang-up that a restarting server also
        /// causes: what a worker counts towards giving up.
        package var isDefinite: Bool
    }

    private let monitor: ZMQSocket
    /// The watched socket: its monitor is stopped before `monitor` closes.
    private let socket: ZMQSocket
    /// Whether this side speaks CURVE: a plaintext client whose peer hangs up
    /// mid-handshake most likely met a CURVE server (libzmq reports either the
    /// mechanism mismatch or only the hang-up, depending on timing).
    private let usesCurve: Bool

    package init(context: ZMQContext, socket: ZMQSocket, usesCurve: Bool) throws {
        self.usesCurve = usesCurve
        self.socket = socket
        // nondeterministic-ok: an inproc endpoint unique in the context
        let endpoint = "inproc://transborder-handshake-\(UInt64.random(in: 0...UInt64.max))"
        try socket.monitorConnections(at: endpoint)
        monitor = try context.socket(.pair)
        try monitor.connect(endpoint)
    }

    /// Stops the socket's monitor, then closes the reader (idempotent). In the other order
    /// an event the socket reports later (its reconnect, or a disconnect while it closes)
    /// blocks libzmq's I/O thread for good: after a coordinator restart a worker's new
    /// sockets then never connect (see `ZMQSocket.close()`).
    package func close() {
        socket.stopMonitoring()
        monitor.close()
    }

    deinit { close() }

    /// Handshake failures reported since the last call, as text for the peer's own log.
    package func failures() -> [String] {
        refusals().map(\.reason)
    }

    /// Handshake refusals reported since the last call (other events are read and skipped).
    package func refusals() -> [Refusal] {
        var found: [Refusal] = []
        while let message = try? monitor.receive(dontWait: true, maxFrames: 4, maxBytes: 4096) {
            guard let event = ConnectionEvent(frames: message.frames), event.isRefusal else { continue }
            found.append(
                Refusal(
                    event: event, reason: Self.clientReason(event, usesCurve: usesCurve),
                    isDefinite: Self.isDefinite(event, usesCurve: usesCurve)))
        }
        return found
    }

    /// Adds the monitor to `poller` (readable when an event waits); returns its position.
    @discardableResult
    package func addReadable(to poller: inout ZMQPoller) -> Int {
        poller.addReadable(monitor)
    }

    /// A ZAP refusal and a protocol error (mechanism mismatch, a server key that does not
    /// decrypt) are the server's answer; a bare hang-up is one only for a plaintext
    /// client, which a CURVE server drops that way (see `clientReason`).
    static func isDefinite(_ event: ConnectionEvent, usesCurve: Bool) -> Bool {
        switch event.kind {
        case .handshakeFailedAuthentication, .handshakeFailedProtocol: true
        case .handshakeFailed: !usesCurve
        case .accepted, .handshakeSucceeded, .disconnected: false
        }
    }

    /// Why the server turned this client away, from the client's side.
    static func clientReason(_ event: ConnectionEvent, usesCurve: Bool = true) -> String {
        switch event.kind {
        case .handshakeFailed where !usesCurve:
            let error = String(cString: zmq_strerror(Int32(bitPattern: event.value)))
            return "the coordinator hung up during the handshake (\(error)), most likely a security mechanism"
                + " mismatch: this side speaks plaintext; if the coordinator requires CURVE, give --curve-secret"
                + " and --server-key"
        case .handshakeFailedAuthentication:
            return "the coordinator refused this CURVE key (ZAP status \(event.value)): is its .pub in the coordinator's --authorized-keys?"
        case .handshakeFailedProtocol where Int32(bitPattern: event.value) == ZMQ_PROTOCOL_ERROR_ZMTP_MECHANISM_MISMATCH:
            return
                "security mechanism mismatch: one side uses CURVE and the other does not (--curve-secret and --server-key on this side, --curve-secret and --authorized-keys on the coordinator)"
        case .handshakeFailed:
            let error = String(cString: zmq_strerror(Int32(bitPattern: event.value)))
            return "the coordinator hung up during the CURVE handshake (\(error)): is --server-key the coordinator's public key?"
        case .handshakeFailedProtocol:
            return "the CURVE handshake with the coordinator failed (\(event.reason)): is --server-key the coordinator's public key?"
        case .accepted, .handshakeSucceeded, .disconnected:
            return event.reason
        }
    }
}
