import ClusterProtocol
/// The life of a job. `aggregating` is stored but reported to clients as `running`.
package enum JobState: String, Sendable, Codable, CaseIterable {
    case queued, running, aggregating, done, failed, cancelled

    /// The state a client sees.
    package var reported: ReportedJobState {
        switch self {
        case .queued: .queued
        case .running, .aggregating: .running
        case .done: .done
        case .failed: .failed
        case .cancelled: .cancelled
        }
    }

    /// Whether tasks may still be dispatched or results still accepted.
    package var isActive: Bool { self == .queued || self == .running || self == .aggregating }
}
