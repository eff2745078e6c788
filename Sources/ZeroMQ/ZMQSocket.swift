import CZeroMQ

/// A ZeroMQ socket owned by exactly one thread.
///
/// libzmq sockets are not thread-safe, so this class is deliberately not `Sendable`:
/// the thread that creates it polls, sends, receives and closes it. It is created with
/// `ZMQ_LINGER` 0 (closing never waits for unsent messages) and closed explicitly with
/// `close()`, or at the latest when the object is released.
///
/// Frames are `[UInt8]`; receiving always goes through a `zmq_msg_t` sized by libzmq
/// (closed in `defer`), never into a fixed buffer.
package final class ZMQSocket {
    private let context: ZMQContext
    private(set) var handle: UnsafeMutableRawPointer?
    package let type: SocketType
    /// Whether `monitorConnections(at:)` attached a monitor that is not stopped yet.
    var isMonitored = false

    init(context: ZMQContext, type: SocketType) throws {
        guard let handle = zmq_socket(context.handle, type.rawValue) else {
            throw ZMQError.last("zmq_socket")
        }
        self.context = context
        self.handle = handle
        self.type = type
        try setInt(ZMQ_LINGER, 0, name: "ZMQ_LINGER")
    }

    deinit { close() }

    /// Closes the socket now (idempotent). Pending outbound messages are discarded (LINGER 0).
    ///
    /// A monitor is stopped first: libzmq finishes closing a socket on its I/O thread and may
    /// still report events then (a reconnect, a disconnect), and it sends them on the
    /// monitor's PAIR without `ZMQ_DONTWAIT`. Once the reader of that PAIR is closed, such a
    /// send blocks the I/O thread — and with it every socket of the context — for ever.
    package func close() {
        if let handle {
            stopMonitoring()
            zmq_close(handle)
            self.handle = nil
        }
    }

    package var isClosed: Bool { handle == nil }

    private func live(_ operation: String) throws -> UnsafeMutableRawPointer {
        guard let handle else { throw ZMQError(operation: operation, code: ENOTSOCK) }
        return handle
    }

    // MARK: endpoints

    /// Binds to an endpoint such as `tcp://0.0.0.0:5555`, `tcp://127.0.0.1:*` or `ipc:///tmp/x`.
    package func bind(_ endpoint: String) throws {
        let h = try live("bind \(endpoint)")
        guard zmq_bind(h, endpoint) == 0 else { throw ZMQError.last("bind \(endpoint)") }
    }

    /// Connects to an endpoint; libzmq reconnects by itself in the background.
    package func connect(_ endpoint: String) throws {
        let h = try live("connect \(endpoint)")
        guard zmq_connect(h, endpoint) == 0 else { throw ZMQError.last("connect \(endpoint)") }
    }

    /// The endpoint actually bound last (resolves `tcp://host:*` to the chosen port).
    package var lastEndpoint: String {
        get throws { try getString(ZMQ_LAST_ENDPOINT, name: "ZMQ_LAST_ENDPOINT") }
    }

    // MARK: sending

    /// Sends a multipart message. With `dontWait` (the default) returns false instead of
    /// blocking when the message cannot be queued now (`EAGAIN`: peer at its high-water mark).
    /// Throws for every other error, e.g. `EHOSTUNREACH` from a ROUTER with ROUTER_MANDATORY.
    @discardableResult
    package func send(_ frames: [[UInt8]], dontWait: Bool = true) throws -> Bool {
        let h = try live("send")
        let base: Int32 = dontWait ? ZMQ_DONTWAIT : 0
        let last = frames.count - 1
        for (i, frame) in frames.enumerated() {
            let flags = base | (i < last ? ZMQ_SNDMORE : 0)
            while true {
                let rc = frame.withUnsafeBytes { zmq_send(h, $0.baseAddress, $0.count, flags) }
                if rc >= 0 { break }
                let code = zmq_errno()
                if code == EINTR { continue }
                if code == EAGAIN && i == 0 { return false }
                throw ZMQError(operation: "send", code: code)
            }
        }
        return true
    }

    // MARK: receiving

    /// Receives one multipart message, or nil when none is ready (`dontWait`) or the call
    /// was interrupted by a signal. Messages over `maxFrames` frames or `maxBytes` bytes in
    /// total are drained and returned with `withinLimits == false`.
    ///
    /// When `readUserID` holds for the message's first frame (a ROUTER's routing id), the
    /// message carries the ZAP user id its connection was admitted with
    /// (`zmq_msg_gets(…, "User-Id")`), read from the first frame the peer sent (a ROUTER's
    /// routing-id frame is made locally, so the second).
    package func receive(
        dontWait: Bool = true, maxFrames: Int = 64, maxBytes: Int = Int.max, readUserID: (_ firstFrame: [UInt8]) -> Bool = { _ in false }
    ) throws -> ReceivedMessage? {
        let h = try live("receive")
        var frames: [[UInt8]] = []
        var frameCount = 0
        var byteCount = 0
        var withinLimits = true
        var more = true
        var userID: String?
        var userIDRequested = false
        let userIDFrame = type == .router ? 1 : 0
        while more {
            var message = zmq_msg_t()
            zmq_msg_init(&message)
            defer { zmq_msg_close(&message) }
            // Once the first part arrived, the rest of the message is already queued.
            let flags: Int32 = (dontWait || frameCount > 0) ? ZMQ_DONTWAIT : 0
            let rc = zmq_msg_recv(&message, h, flags)
            if rc < 0 {
                let code = zmq_errno()
                if frameCount == 0 && (code == EAGAIN || code == EINTR) { return nil }
                if code == EINTR { continue }
                throw ZMQError(operation: "receive", code: code)
            }
            let size = zmq_msg_size(&message)
            if frameCount == userIDFrame, readUserID(frames.first ?? []) {
                userIDRequested = true
                if let property = zmq_msg_gets(&message, "User-Id") { userID = String(cString: property) }
            }
            frameCount += 1
            byteCount += size
            if withinLimits && (frameCount > maxFrames || byteCount > maxBytes) {
                withinLimits = false
            }
            if withinLimits || frames.isEmpty {
                if size == 0 {
                    frames.append([])
                } else if let data = zmq_msg_data(&message) {
                    // The routing id of an over-limit message is still kept for the log (first frame only).
                    let keep = withinLimits ? size : min(size, 256)
                    frames.append(Array(UnsafeRawBufferPointer(start: data, count: keep)))
                }
            }
            more = zmq_msg_more(&message) != 0
        }
        return ReceivedMessage(
            frames: frames, withinLimits: withinLimits, frameCount: frameCount, byteCount: byteCount,
            userIDRequested: userIDRequested, userID: userID)
    }

    // MARK: options

    /// Sets an `int` socket option.
    package func setInt(_ option: Int32, _ value: Int32, name: String) throws {
        let h = try live("setsockopt \(name)")
        var v = value
        guard zmq_setsockopt(h, option, &v, MemoryLayout<Int32>.size) == 0 else {
            throw ZMQError.last("setsockopt \(name)=\(value)")
        }
    }

    /// Sets an `int64_t` socket option.
    package func setInt64(_ option: Int32, _ value: Int64, name: String) throws {
        let h = try live("setsockopt \(name)")
        var v = value
        guard zmq_setsockopt(h, option, &v, MemoryLayout<Int64>.size) == 0 else {
            throw ZMQError.last("setsockopt \(name)=\(value)")
        }
    }

    /// Sets a binary socket option.
    package func setBytes(_ option: Int32, _ value: [UInt8], name: String) throws {
        let h = try live("setsockopt \(name)")
        let rc = value.withUnsafeBytes { zmq_setsockopt(h, option, $0.baseAddress, $0.count) }
        guard rc == 0 else { throw ZMQError.last("setsockopt \(name)") }
    }

    /// Reads an `int` socket option.
    package func getInt(_ option: Int32, name: String) throws -> Int32 {
        let h = try live("getsockopt \(name)")
        var v: Int32 = 0
        var size = MemoryLayout<Int32>.size
        guard zmq_getsockopt(h, option, &v, &size) == 0 else { throw ZMQError.last("getsockopt \(name)") }
        return v
    }

    /// Reads a string socket option.
    package func getString(_ option: Int32, name: String) throws -> String {
        let h = try live("getsockopt \(name)")
        var buffer = [UInt8](repeating: 0, count: 1024)
        var size = buffer.count
        let rc = buffer.withUnsafeMutableBytes { zmq_getsockopt(h, option, $0.baseAddress, &size) }
        guard rc == 0 else { throw ZMQError.last("getsockopt \(name)") }
        let bytes = buffer.prefix(size).prefix { $0 != 0 }
        return String(decoding: bytes, as: UTF8.self)
    }
}
