/// One authentication request from libzmq to the ZAP handler (ZeroMQ RFC 27).
///
/// libzmq sends it when a peer finishes the security handshake on a socket whose
/// mechanism needs a decision (CURVE here). Frames, in order: version ("1.0"), request
/// id, domain (`ZMQ_ZAP_DOMAIN`), the peer's IP address, the connection's routing id,
/// mechanism ("NULL", "PLAIN", "CURVE"), then the mechanism's credentials (for CURVE
/// one frame: the client's 32-byte long-term public key).
public struct ZAPRequest: Sendable, Hashable {
    public var version: String
    /// Opaque; echoed in the reply so libzmq matches it with the handshake.
    public var requestID: [UInt8]
    public var domain: String
    /// The peer's address as libzmq reports it (IP address, without the port).
    public var address: String
    public var routingID: [UInt8]
    public var mechanism: String
    public var credentials: [[UInt8]]

    /// Parses the frames of a request; nil when there are fewer than the six fixed frames.
    public init?(frames: [[UInt8]]) {
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
    public var curveKey: CurveKey? {
        guard mechanism == "CURVE", credentials.count == 1 else { return nil }
        return CurveKey(bytes: credentials[0])
    }
}
