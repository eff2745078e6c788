import CZeroMQ

/// Watches a connecting socket's security handshakes through its monitor, so that a
/// worker or client the server turns away can say why instead of only timing out.
///
/// Create it on the socket's thread before `connect`; `failures()` never blocks.
package final class HandshakeWatch {
    private let monitor: ZMQSocket
    /// Whether this side speaks CURVE: a plaintext client whose peer hangs up
    /// mid-handshake most likely met a CURVE server (libzmq reports either the
    /// mechanism mismatch or only the hang-up, depending on timing).
    private let usesCurve: Bool

    package init(context: ZMQContext, socket: ZMQSocket, usesCurve: Bool) throws {
        self.usesCurve = usesCurve
        // nondeterministic-ok: an inproc endpoint unique in the context
        let endpoint = "inproc://transborder-handshake-\(UInt64.random(in: 0...UInt64.max))"
        try socket.monitorConnections(at: endpoint)
        monitor = try context.socket(.pair)
        try monitor.connect(endpoint)
    }

    deinit { monitor.close() }

    /// Handshake failures reported since the last call, as text for the peer's own log.
    package func failures() -> [String] {
        var reasons: [String] = []
        while let message = try? monitor.receive(dontWait: true, maxFrames: 4, maxBytes: 4096) {
            guard let event = ConnectionEvent(frames: message.frames), event.isRefusal else { continue }
            reasons.append(Self.clientReason(event, usesCurve: usesCurve))
        }
        return reasons
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
