import Cluster
import ClusterProtocol
import Foundation

/// The `failing` backend: every task throws `BackendError.taskFailed` with the spec's
/// message. Spec (JSON): `{"tasks": N, "message": "text"}`. Used to test retries and
/// the error a client sees when a job fails.
package struct FailingBackend: TaskBackend {
    package init() {}

    package var kind: String { "failing" }

    package func prepare(_ bundle: JobBundle) throws -> any PreparedJob {
        try FailingJob(spec: bundle.spec)
    }
}
