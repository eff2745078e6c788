import Foundation

/// How a job was run: the facts that go into manifest.json and nowhere else
/// (worker counts and times differ between runs; aggregated files must not).
package struct RunRecord: Sendable, Hashable, Codable {
    /// The job id (16 hex digits).
    package var job: String
    /// Backend kind.
    package var kind: String
    /// Lowercase hex SHA-256 of the job bundle.
    package var bundleHash: String
    /// Number of tasks.
    package var tasks: Int
    /// Distinct workers that returned at least one result (0 for an in-process run).
    package var workers: Int
    /// Task attempts that failed with the task's own error (each one retried until the limit).
    package var retries: Int
    /// Task leases lost to dead or departed workers, or expired (re-queued, not failures).
    package var lost: Int
    /// Late duplicate results that were ignored.
    package var duplicates: Int
    /// Seconds from submission (or the start of `run`) to the end of aggregation.
    package var elapsedSeconds: Double
    /// Wall-clock time of submission, seconds since 1970.
    package var submittedAt: Double
    /// Wall-clock time the last result was stored, seconds since 1970.
    package var finishedAt: Double

    package init(
        job: String, kind: String, bundleHash: String, tasks: Int, workers: Int, retries: Int,
        lost: Int, duplicates: Int, elapsedSeconds: Double, submittedAt: Double, finishedAt: Double
    ) {
        self.job = job
        self.kind = kind
        self.bundleHash = bundleHash
        self.tasks = tasks
        self.workers = workers
        self.retries = retries
        self.lost = lost
        self.duplicates = duplicates
        self.elapsedSeconds = elapsedSeconds
        self.submittedAt = submittedAt
        self.finishedAt = finishedAt
    }

    /// The record as pretty, key-sorted JSON (used by the built-in backends' manifests).
    package func jsonData() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return (try? encoder.encode(self)) ?? Data("{}".utf8)
    }
}
