import CZeroMQ

/// Named setters for the options this project sets on purpose.
extension ZMQSocket {
    /// Largest inbound message part accepted (`ZMQ_MAXMSGSIZE`); a peer sending more is
    /// disconnected by libzmq. Set on every socket that faces the network.
    package func setMaxMessageSize(_ bytes: Int) throws {
        try setInt64(ZMQ_MAXMSGSIZE, Int64(bytes), name: "ZMQ_MAXMSGSIZE")
    }

    /// Send and receive high-water marks, in messages (libzmq default 1000). A ROUTER at
    /// its send HWM drops (or, with ROUTER_MANDATORY, reports `EAGAIN`); a DEALER blocks.
    package func setHighWaterMarks(send: Int, receive: Int) throws {
        try setInt(ZMQ_SNDHWM, Int32(send), name: "ZMQ_SNDHWM")
        try setInt(ZMQ_RCVHWM, Int32(receive), name: "ZMQ_RCVHWM")
    }

    /// ROUTER only: report unroutable messages (`EHOSTUNREACH`, `EAGAIN`) instead of dropping them.
    package func setRouterMandatory(_ on: Bool) throws {
        try setInt(ZMQ_ROUTER_MANDATORY, on ? 1 : 0, name: "ZMQ_ROUTER_MANDATORY")
    }

    /// The routing id this socket presents to a ROUTER (1–255 bytes).
    package func setRoutingID(_ id: [UInt8]) throws {
        try setBytes(ZMQ_ROUTING_ID, id, name: "ZMQ_ROUTING_ID")
    }

    /// Reconnect interval and its exponential-backoff ceiling, in milliseconds.
    package func setReconnectInterval(milliseconds: Int, maximum: Int) throws {
        try setInt(ZMQ_RECONNECT_IVL, Int32(milliseconds), name: "ZMQ_RECONNECT_IVL")
        try setInt(ZMQ_RECONNECT_IVL_MAX, Int32(maximum), name: "ZMQ_RECONNECT_IVL_MAX")
    }

    /// Queue messages only to completed connections (`ZMQ_IMMEDIATE`), so a DEALER does
    /// not pile up messages for a coordinator that is not there.
    package func setImmediate(_ on: Bool) throws {
        try setInt(ZMQ_IMMEDIATE, on ? 1 : 0, name: "ZMQ_IMMEDIATE")
    }

    // MARK: CURVE (authentication and encryption; the ZAP handler lives in the caller)

    /// Makes this socket a CURVE server (the coordinator side).
    package func setCurveServer(secretKey: CurveKey) throws {
        try setInt(ZMQ_CURVE_SERVER, 1, name: "ZMQ_CURVE_SERVER")
        try setBytes(ZMQ_CURVE_SECRETKEY, secretKey.bytes, name: "ZMQ_CURVE_SECRETKEY")
    }

    /// Makes this socket a CURVE client of the server whose public key is `serverKey`.
    package func setCurveClient(serverKey: CurveKey, publicKey: CurveKey, secretKey: CurveKey) throws {
        try setBytes(ZMQ_CURVE_SERVERKEY, serverKey.bytes, name: "ZMQ_CURVE_SERVERKEY")
        try setBytes(ZMQ_CURVE_PUBLICKEY, publicKey.bytes, name: "ZMQ_CURVE_PUBLICKEY")
        try setBytes(ZMQ_CURVE_SECRETKEY, secretKey.bytes, name: "ZMQ_CURVE_SECRETKEY")
    }
}
