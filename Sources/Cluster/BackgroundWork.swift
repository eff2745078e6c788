import Foundation

/// Work that would stall the coordinator's loop — parsing and hashing a submitted
/// bundle, hashing result files for FETCH — runs on this serial queue, in the order it
/// was asked for; its outcome comes back to the loop (woken through the loop's
/// `WakeSignal`), which alone touches the store and the sockets.
final class BackgroundWork: @unchecked Sendable {
    /// A finished piece of work, handled by the coordinator's loop.
    enum Outcome: Sendable {
        case submitted(peer: PeerID, bytes: [UInt8], name: String, result: Result<PreparedSubmission, ClientRefusal>)
        case files(peer: PeerID, job: String, result: Result<[UInt8], ClientRefusal>)
    }

    private let queue = DispatchQueue(label: "transborder.coordinator.background", qos: .userInitiated)
    private let lock = Lock()
    private var finished: [Outcome] = []
    private let wake: WakeSignal

    init(wake: WakeSignal) {
        self.wake = wake
    }

    /// Runs `work` off the loop; its outcome is returned by a later `takeFinished`.
    func run(_ work: @escaping @Sendable () -> Outcome) {
        queue.async { [self] in
            let outcome = work()
            lock.withLock { finished.append(outcome) }
            if let sender = try? wake.makeSender() {
                _ = try? sender.send([[1]])
                sender.close()
            }
        }
    }

    /// Outcomes finished since the last call, in order.
    func takeFinished() -> [Outcome] {
        lock.withLock {
            defer { finished.removeAll() }
            return finished
        }
    }
}

/// A submitted bundle, decoded, hashed and prepared off the loop.
struct PreparedSubmission: Sendable {
    var kind: String
    var hash: String
    var prepared: any PreparedJob
}

/// A client request refused with an ERROR code and message (and what to log).
struct ClientRefusal: Error, Sendable {
    var code: ClientErrorCode
    var message: String
}
