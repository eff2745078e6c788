/// Why the coordinator dropped a message or a task's answer (counted per reason in
/// `status`'s `dropped_messages`; docs/PROTOCOL.md lists them).
enum DropReason: String, Sendable {
    /// RESULT, FAILED, HEARTBEAT or DATASET from a peer that never sent READY (it gets DISCONNECT 3).
    case unregistered = "unregistered"
    /// RESULT or FAILED for a task neither leased to the sender nor last leased to it.
    case notLeased = "not_leased"
    /// RESULT or FAILED for a job that is not queued or running (cancelled, failed, finished, unknown).
    case jobNotActive = "job_not_active"
    /// RESULT or FAILED for an index at or beyond the job's task count.
    case outOfRange = "out_of_range"
    /// A second result for a finished task.
    case duplicate = "duplicate"
    /// More frames or bytes than the limits.
    case oversized = "oversized"
    /// Does not parse, or a command the sender may not send.
    case invalid = "invalid"
    /// A header of another protocol version (the peer is told).
    case unsupportedVersion = "unsupported_version"
    /// Any message over a connection whose CURVE key is no longer authorized (the peer is
    /// told: DISCONNECT 6 or ERROR 14).
    case unauthorized = "unauthorized"
}
