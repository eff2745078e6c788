/// A task handed to a worker: who holds it, until when, and which attempt it is.
///
/// A lease ends with the task's result or failure, or is revoked — worker dead, worker
/// left, or deadline passed — in which case the task is re-queued without counting as
/// a failure of the task.
struct Lease: Sendable {
    var worker: PeerID
    var deadline: Double
    var attempt: Int
}
