import CZeroMQ

/// A libzmq context (`zmq_ctx_new`): owns the I/O threads of every socket made from it.
///
/// libzmq contexts are thread-safe, so this class is `Sendable`. Sockets keep their
/// context alive; the context is terminated when the last reference goes away.
/// Every socket is created with LINGER 0, so termination never blocks on unsent data.
package final class ZMQContext: @unchecked Sendable {
    let handle: UnsafeMutableRawPointer

    /// Creates a context with `ioThreads` background I/O threads (libzmq's default is 1).
    package init(ioThreads: Int = 1) throws {
        guard let handle = zmq_ctx_new() else { throw ZMQError.last("zmq_ctx_new") }
        self.handle = handle
        if ioThreads != 1 {
            zmq_ctx_set(handle, ZMQ_IO_THREADS, Int32(ioThreads))
        }
    }

    /// Makes a socket owned by the calling thread (see `ZMQSocket`).
    package func socket(_ type: SocketType) throws -> ZMQSocket {
        try ZMQSocket(context: self, type: type)
    }

    deinit {
        // All sockets hold a strong reference to their context, so none is open here.
        while zmq_ctx_term(handle) != 0 && zmq_errno() == EINTR {}
    }
}
