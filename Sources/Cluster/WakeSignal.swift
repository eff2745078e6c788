import Synchronization
import ZeroMQ

/// Wakes a thread blocked in `zmq_poll` from another thread: the owner binds an inproc
/// PULL socket and polls it; each other thread makes its own PUSH sender.
final class WakeSignal: Sendable {
    let context: ZMQContext
    let address: String

    /// A process-wide counter for unique inproc addresses.
    private static let counter = Mutex(0)

    /// Creates the receiving side on the calling (owner) thread.
    init(context: ZMQContext) throws {
        self.context = context
        let serial = Self.counter.withLock { counter -> Int in
            counter += 1
            return counter
        }
        address = "inproc://transborder-wake-\(serial)"
    }

    func makeReceiver() throws -> ZMQSocket {
        let socket = try context.socket(.pull)
        try socket.bind(address)
        return socket
    }

    /// A sender for the calling thread (keep it for the thread's life).
    func makeSender() throws -> ZMQSocket {
        let socket = try context.socket(.push)
        try socket.connect(address)
        return socket
    }

    /// Empties the receiver without blocking.
    static func drain(_ receiver: ZMQSocket) {
        while (try? receiver.receive(dontWait: true)) != nil {}
    }
}
