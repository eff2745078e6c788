import AtomicOutput
import Foundation

/// A parsed job: a fixed number of independent tasks and a deterministic fold.
///
/// Contract (what makes outputs byte-identical for any worker count, order, retry or
/// restart): `execute` is a pure function of (bundle, index) — same bytes every time,
/// wherever it runs; the fold takes the results in task-index order and never
/// includes time or worker identity; only `manifest` may record how the run went.
package protocol PreparedJob: Sendable {
    /// Number of tasks, indexed `0..<taskCount`.
    var taskCount: Int { get }
    /// Computes task `index` and returns its result bytes. A thrown error counts as the
    /// task's own failure: it is retried up to the coordinator's limit, then fails the job
    /// with the error's description shown to the client.
    func execute(task index: Int) throws -> Data
    /// An empty aggregation of this job's results. The coordinator feeds it while the
    /// job still computes (results are committed in any order, folded in index order),
    /// so only the last results and the output files remain once the last task is in.
    func makeFold() -> any ResultFold
    /// manifest.json for the run (the one output allowed to differ between runs).
    func manifest(run: RunRecord) -> OutputFile
}

/// An aggregation in progress, owned by one thread at a time. Memory must stay flat in
/// the number of tasks: fold each result into aggregates, never keep the results.
package protocol ResultFold {
    /// Work that needs no result (the analysis backend computes the baseline here).
    /// The coordinator calls it when the job's first tasks go out, so it overlaps with
    /// the workers' own start rather than competing with them for cores later. A fold
    /// must give the same files whether or not `prepare` was called first.
    mutating func prepare()
    /// Folds the result of task `index`; indices arrive as 0, 1, 2, … exactly once each.
    mutating func fold(_ result: Data, task index: Int) throws
    /// The output files once every task is folded (manifest.json excluded).
    func files() throws -> [OutputFile]
}

extension ResultFold {
    package mutating func prepare() {}
}
