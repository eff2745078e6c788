/// The life of a job. `aggregating` is stored but reported to clients as `running`.
public enum JobState: String, Sendable, Codable {
    case queued, running, aggregating, done, failed, cancelled

    /// The state a client sees (`queued|running|done|failed|cancelled`).
    public var reported: String { self == .aggregating ? "running" : rawValue }

    /// Whether tasks may still be dispatched or results still accepted.
    public var isActive: Bool { self == .queued || self == .running || self == .aggregating }
}
