/// The `u16` reason code of a DISCONNECT (docs/PROTOCOL.md).
package enum DisconnectReason: UInt16, Sendable {
    /// The coordinator is shutting down; reconnect later.
    case shutdown = 1
    /// The peer speaks another protocol version; do not retry.
    case unsupportedVersion = 2
    /// The coordinator does not know this worker (e.g. it restarted): send READY again.
    case unknownWorker = 3
    /// The worker is leaving; its unfinished tasks go back to the queue.
    case leaving = 4
    /// Another connection registered with this worker's name; this one is released. A
    /// worker that gets it while connected is a second process with the same name: it
    /// should stop (names identify workers in the store, quarantine and status).
    case replaced = 5
    /// The worker's CURVE key is no longer among the coordinator's authorized keys (its
    /// `.pub` was removed or replaced): it is released; reconnecting will be refused.
    case keyNotAuthorized = 6
    /// Any other code (kept so a newer peer's code does not fail decoding).
    case other = 0xffff
}
