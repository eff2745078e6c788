import ZeroMQ

/// Pokes a loop's `WakeSignal` when its `StopSignal` is requested, from whatever
/// thread requests it (a signal handler's queue, a parent watch, a test).
///
/// The sender socket is made on the loop's thread and afterwards used only under
/// the lock (libzmq allows a socket to change threads behind a full memory
/// barrier); `close()` on the loop's thread makes later pokes no-ops.
final class StopWake: @unchecked Sendable {
    private let lock = Lock()
    private var sender: ZMQSocket?

    /// Makes the sender on the calling (loop) thread and registers with `stop`.
    init(wake: WakeSignal, stop: StopSignal) throws {
        sender = try wake.makeSender()
        stop.onRequest { [weak self] in self?.poke() }
    }

    private func poke() {
        lock.withLock { _ = try? sender?.send([[1]], dontWait: true) }
    }

    func close() {
        lock.withLock {
            sender?.close()
            sender = nil
        }
    }
}
