import CZeroMQ

/// Waits for input on several sockets at once (`zmq_poll`).
///
/// Build it on the thread that owns the sockets, call `poll` in the loop, then ask
/// `isReadable(i)` for the sockets in the order they were added.
package struct ZMQPoller {
    private var items: [zmq_pollitem_t] = []

    package init() {}

    /// Adds a socket to watch for input; returns its position.
    @discardableResult
    package mutating func addReadable(_ socket: ZMQSocket) -> Int {
        items.append(zmq_pollitem_t(socket: socket.handle, fd: 0, events: Int16(ZMQ_POLLIN), revents: 0))
        return items.count - 1
    }

    /// Waits up to `timeoutMilliseconds` (-1: forever, 0: just check). Returns the number of
    /// ready sockets; 0 on timeout or when a signal interrupted the wait (`EINTR`).
    package mutating func poll(timeoutMilliseconds: Int) throws -> Int {
        for i in items.indices { items[i].revents = 0 }
        let rc = items.withUnsafeMutableBufferPointer {
            zmq_poll($0.baseAddress, Int32($0.count), timeoutMilliseconds)
        }
        if rc < 0 {
            let code = zmq_errno()
            if code == EINTR { return 0 }
            throw ZMQError(operation: "zmq_poll", code: code)
        }
        return Int(rc)
    }

    /// Whether the socket at `index` had input after the last `poll`.
    package func isReadable(_ index: Int) -> Bool {
        items[index].revents & Int16(ZMQ_POLLIN) != 0
    }
}
