import Synchronization

/// Jobs already parsed by the process that submits them to its own in-process
/// coordinator (`run --workers N`), keyed by bundle content hash, so the coordinator
/// does not parse the same bytes a second time on the critical path of a short job.
///
/// Only the same process can offer one (it is never sent over the wire), and the
/// coordinator uses it only for a submitted bundle with exactly that content hash.
package final class PreparedJobHandoff: Sendable {
    private let jobs = Mutex<[String: any PreparedJob]>([:])

    package init() {}

    /// Offers `job`, the parse of the bundle whose content hash is `hash`.
    package func offer(_ job: any PreparedJob, for hash: String) {
        jobs.withLock { $0[hash] = job }
    }

    /// The job offered for `hash`, once.
    func take(_ hash: String) -> (any PreparedJob)? {
        jobs.withLock { $0.removeValue(forKey: hash) }
    }
}
