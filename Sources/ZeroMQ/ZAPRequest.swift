/// One authentication request from libzmq to the ZAP handler (ZeroMQ RFC 27).
///
/// libzmq sends it when a peer finishes the security handshake on a socket whose
/// mechanism needs a decision (CURVE here). Frames, in order: version ("1.0"), request
/// id, domain (`ZMQ_ZAP_DOMAIN`), the peer's IP address, the connection's routing id,
/// mechanism ("NULL", "PLAIN", "CURVE"), then the mechanism's credentials (for CURVE
/// one frame: the client's 32-byte long-term public key).
package struct ZAPRequest: Sendable, Hashable {
    package var version: String
    /// Opaque; echoed in the reply so libzmq matches it with the handshake.
    package var requestID: [UInt8]
    package var domain: String
    /// The peer's address as libzmq reports it (IP address, without the port).
    package var address: String
    package var routingID: [UInt8]
    package var mechanism: String
    package var credentials: [[UInt8]]

    /// Parses the frames of a request; nil when there are fewer than the six fixed frames.
    package init?(frames: [[UInt8]]) {
        guard frames.count >= 6 else { return nil }
        func text(_ i: Int) -> String { String(decoding: frames[i], as: UTF8.self) }
        version = text(0)
        requestID = frames[1]
        domain = text(2)
        address = text(3)
        routingID = frames[4]
        mechanism = text(5)
        credentials = Array(frames.dropFirst(6))
    }

    /// The client's long-term public key, when this is a well-formed CURVE request.
    package var curveKey: CurveKey? {
        guard mechanism == "CURVE", credentials.count == 1 else { return nil }
        return CurveKey(bytes: credentials[0])
    }
}
