import CZeroMQ

/// A connection-level event of a monitored socket (`zmq_socket_monitor`), as far as it
/// matters for who may connect: accepted connections, handshake outcomes, disconnects.
///
/// libzmq 4.3's monitor names only the *listening* endpoint; `peer` is the remote
/// address found with `getpeername` on the accepted file descriptor. For a handshake
/// outcome it is `host:port` when exactly one accepted connection was waiting for one,
/// `host:*` when several were but all from one host (libzmq does not say which of
/// concurrent handshakes ended), nil when they came from different hosts.
package struct ConnectionEvent: Sendable, Hashable, CustomStringConvertible {
    package enum Kind: Sendable, Hashable {
        case accepted
        case handshakeSucceeded
        /// The peer broke the ZMTP or security protocol, e.g. a plaintext (NULL) client
        /// talking to a CURVE server: `value` is a `ZMQ_PROTOCOL_ERROR_*` code.
        case handshakeFailedProtocol
        /// The ZAP handler refused the peer: `value` is the status code (e.g. 400).
        case handshakeFailedAuthentication
        /// Any other handshake failure: `value` is an errno.
        case handshakeFailed
        case disconnected
    }

    package var kind: Kind
    /// The event's value: a file descriptor, a protocol error code, a ZAP status or an errno.
    package var value: UInt32
    /// The endpoint libzmq names (the listening endpoint on a bound socket).
    package var endpoint: String
    /// The remote `address:port` (or `address:*`), when known (see the type's documentation).
    package var peer: String?

    /// The host part of a peer `address:port`, `address:*` or `[v6 address]:port`.
    package static func host(of peer: String) -> String {
        guard let colon = peer.lastIndex(of: ":") else { return peer }
        return String(peer[..<colon])
    }

    package init(kind: Kind, value: UInt32, endpoint: String, peer: String?) {
        self.kind = kind
        self.value = value
        self.endpoint = endpoint
        self.peer = peer
    }

    /// The libzmq event mask that produces these kinds.
    static let mask: Int32 =
        ZMQ_EVENT_ACCEPTED | ZMQ_EVENT_DISCONNECTED | ZMQ_EVENT_HANDSHAKE_SUCCEEDED
        | ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL | ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL | ZMQ_EVENT_HANDSHAKE_FAILED_AUTH

    /// Decodes a monitor message: a 6-byte frame (u16 event, u32 value, host byte order)
    /// and the endpoint. Nil for events this type does not describe.
    init?(frames: [[UInt8]]) {
        guard frames.count >= 2, frames[0].count == 6 else { return nil }
        let head = frames[0]
        let event = Int32(UInt16(head[0]) | UInt16(head[1]) << 8)
        let raw = UInt32(head[2]) | UInt32(head[3]) << 8 | UInt32(head[4]) << 16 | UInt32(head[5]) << 24
        // The header is host byte order; every platform Swift on Linux/macOS runs on is little-endian.
        switch event {
        case ZMQ_EVENT_ACCEPTED: kind = .accepted
        case ZMQ_EVENT_DISCONNECTED: kind = .disconnected
        case ZMQ_EVENT_HANDSHAKE_SUCCEEDED: kind = .handshakeSucceeded
        case ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL: kind = .handshakeFailedProtocol
        case ZMQ_EVENT_HANDSHAKE_FAILED_AUTH: kind = .handshakeFailedAuthentication
        case ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL: kind = .handshakeFailed
        default: return nil
        }
        value = raw
        endpoint = String(decoding: frames[1], as: UTF8.self)
        peer = nil
    }

    /// Whether the peer was turned away during the handshake.
    package var isRefusal: Bool {
        kind == .handshakeFailedProtocol || kind == .handshakeFailedAuthentication || kind == .handshakeFailed
    }

    /// Why a handshake failed, for logs.
    package var reason: String {
        switch kind {
        case .accepted: return "connection accepted"
        case .disconnected: return "disconnected"
        case .handshakeSucceeded: return "handshake succeeded"
        case .handshakeFailedAuthentication: return "refused by the ZAP handler (status \(value))"
        case .handshakeFailed:
            // Typically EPIPE/ECONNRESET: the peer hung up mid-handshake, e.g. a plaintext
            // client that saw the CURVE greeting first and closed.
            return
                "handshake failed (\(String(cString: zmq_strerror(Int32(bitPattern: value))))): the peer hung up during the security handshake (a plaintext client, or wrong keys?)"
        case .handshakeFailedProtocol:
            switch Int32(bitPattern: value) {
            case ZMQ_PROTOCOL_ERROR_ZMTP_MECHANISM_MISMATCH:
                return "security mechanism mismatch: the peer does not speak CURVE (a plaintext client, or CURVE keys missing on its side)"
            case ZMQ_PROTOCOL_ERROR_ZMTP_CRYPTOGRAPHIC:
                return "cryptographic error: the peer's CURVE handshake does not decrypt (wrong server key?)"
            case ZMQ_PROTOCOL_ERROR_ZMTP_KEY_EXCHANGE:
                return "CURVE key exchange failed"
            default:
                return "protocol error 0x\(String(value, radix: 16))"
            }
        }
    }

    package var description: String {
        "\(reason) on \(endpoint)" + (peer.map { " from \($0)" } ?? "")
    }
}
