import CZeroMQ

/// A failed libzmq call: the operation, the C `errno` and libzmq's own text for it
/// (`zmq_strerror`), so logs say *why* (e.g. "Address already in use").
package struct ZMQError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What we tried to do, e.g. `bind tcp://0.0.0.0:5555`.
    package var operation: String
    /// The `errno` value libzmq reported (`zmq_errno()`).
    package var code: Int32
    /// `zmq_strerror(code)`.
    package var message: String

    package init(operation: String, code: Int32) {
        self.operation = operation
        self.code = code
        self.message = String(cString: zmq_strerror(code))
    }

    /// The error libzmq reports for the calling thread right now.
    static func last(_ operation: @autoclosure () -> String) -> ZMQError {
        ZMQError(operation: operation(), code: zmq_errno())
    }

    package var description: String { "\(operation): \(message) (errno \(code))" }

    /// The peer is unknown or gone (`EHOSTUNREACH`, ROUTER with ROUTER_MANDATORY).
    package var isHostUnreachable: Bool { code == EHOSTUNREACH }
}
