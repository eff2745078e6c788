import Foundation

/// The `failing` backend: every task throws `BackendError.taskFailed` with the spec's
/// message. Spec (JSON): `{"tasks": N, "message": "text"}`. Used to test retries and
/// the error a client sees when a job fails.
public struct FailingBackend: TaskBackend {
    public init() {}

    public var kind: String { "failing" }

    public func prepare(_ bundle: JobBundle) throws -> any PreparedJob {
        try FailingJob(spec: bundle.spec)
    }
}
