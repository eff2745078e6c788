import ClusterProtocol
import Foundation

/// Work that would stall the coordinator's loop — parsing and hashing a submitted
/// bundle, hashing result files for FETCH — runs on this serial queue, in the order it
/// was asked for; its outcome comes back to the loop (woken through the loop's
/// `WakeSignal`), which alone touches the store and the sockets.
final class BackgroundWork: Sendable {
    /// A finished piece of work, handled by the coordinator's loop.
    enum Outcome: Sendable {
        case submitted(peer: PeerID, bytes: [UInt8], name: String, priority: Int?, result: Result<PreparedSubmission, ClientRefusal>)
        case files(peer: PeerID, job: String, result: Result<[UInt8], ClientRefusal>)
    }

    private let queue = DispatchQueue(label: "transborder.coordinator.background", qos: .userInitiated)
    private let mailbox: LoopMailbox<Outcome>

    init(wake: WakeSignal) {
        mailbox = LoopMailbox(wake: wake)
    }

    /// Runs `work` off the loop; its outcome is returned by a later `takeFinished`.
    func run(_ work: @escaping @Sendable () -> Outcome) {
        queue.async { [mailbox] in mailbox.post(work()) }
    }

    /// Outcomes finished since the last call, in order.
    func takeFinished() -> [Outcome] {
        mailbox.take()
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
