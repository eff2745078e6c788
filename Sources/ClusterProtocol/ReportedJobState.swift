/// A job's state as clients see it (`status`, `submit --wait`, `run`): the stored
/// `JobState` without the coordinator-internal `aggregating` (reported as `running`).
///
/// Travels as its raw value in STATUS replies; an unknown value fails decoding.
package enum ReportedJobState: String, Sendable, Codable, CaseIterable, CustomStringConvertible {
    case queued, running, done, failed, cancelled

    /// Whether the job reached an end (done, failed or cancelled).
    package var isFinished: Bool { self == .done || self == .failed || self == .cancelled }

    package var description: String { rawValue }
}
