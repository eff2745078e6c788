import Synchronization
import ZeroMQ

/// Pokes a loop's `WakeSignal` when its `StopSignal` is requested, from whatever
/// thread requests it (a signal handler's queue, a parent watch, a test).
///
/// The sender socket is made on the loop's thread and afterwards used only under
/// the mutex (libzmq allows a socket to change threads behind a full memory
/// barrier, which taking the mutex is); `close()` on the loop's thread makes later
/// pokes no-ops.
final class StopWake: Sendable {
    private let sender: Mutex<ZMQSocket?>

    /// Makes the sender on the calling (loop) thread and registers with `stop`.
    init(wake: WakeSignal, stop: StopSignal) throws {
        sender = Mutex(try wake.makeSender())
        stop.onRequest { [weak self] in self?.poke() }
    }

    private func poke() {
        sender.withLock { _ = try? $0?.send([[1]], dontWait: true) }
    }

    func close() {
        sender.withLock { sender in
            sender?.close()
            sender = nil
        }
    }
}
