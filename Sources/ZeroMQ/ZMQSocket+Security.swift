import CZeroMQ

/// Options that put a socket under a ZAP handler's control.
extension ZMQSocket {
    /// The ZAP domain sent with every authentication request (`ZMQ_ZAP_DOMAIN`).
    package func setZAPDomain(_ domain: String) throws {
        try setBytes(ZMQ_ZAP_DOMAIN, Array(domain.utf8), name: "ZMQ_ZAP_DOMAIN")
    }

    /// Asks libzmq to refuse CURVE peers when no ZAP handler answers
    /// (`ZMQ_ZAP_ENFORCE_DOMAIN`, option 93; effective once a ZAP domain is set).
    /// Without it libzmq 4.3 admits every CURVE peer while no handler is bound. The
    /// option is a DRAFT API (Debian's libzmq 4.3.4 accepts it): returns false when
    /// this libzmq lacks it, so callers still keep the handler bound for the socket's life.
    @discardableResult
    package func enforceZAPDomain() -> Bool {
        (try? setInt(93, 1, name: "ZMQ_ZAP_ENFORCE_DOMAIN")) != nil
    }

    /// Publishes this socket's accepted/handshake/disconnect events on an inproc PAIR
    /// endpoint (`zmq_socket_monitor`). Call before `bind` so no connection is missed.
    package func monitorConnections(at endpoint: String) throws {
        let h = try liveHandle("zmq_socket_monitor \(endpoint)")
        guard zmq_socket_monitor(h, endpoint, ConnectionEvent.mask) == 0 else {
            throw ZMQError.last("zmq_socket_monitor \(endpoint)")
        }
        isMonitored = true
    }

    /// Stops the monitor of `monitorConnections(at:)` (`zmq_socket_monitor` with no endpoint):
    /// synchronous, so no event is sent after it returns. Call it before the monitor's reader
    /// is closed (see `close()`); does nothing on a closed or unmonitored socket.
    package func stopMonitoring() {
        guard isMonitored, let handle else { return }
        zmq_socket_monitor(handle, nil, 0)
        isMonitored = false
    }

    private func liveHandle(_ operation: String) throws -> UnsafeMutableRawPointer {
        guard let handle else { throw ZMQError(operation: operation, code: ENOTSOCK) }
        return handle
    }
}
