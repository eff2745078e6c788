import Foundation

/// A parsed job: a fixed number of independent tasks and a deterministic fold.
///
/// Contract (what makes outputs byte-identical for any worker count, order, retry or
/// restart): `execute` is a pure function of (bundle, index) — same bytes every time,
/// wherever it runs; `aggregate` folds the results in task-index order and never
/// includes time or worker identity; only `manifest` may record how the run went.
public protocol PreparedJob: Sendable {
    /// Number of tasks, indexed `0..<taskCount`.
    var taskCount: Int { get }
    /// Computes task `index` and returns its result bytes. A thrown error counts as the
    /// task's own failure: it is retried up to the coordinator's limit, then fails the job
    /// with the error's description shown to the client.
    func execute(task index: Int) throws -> Data
    /// Folds all results into output files, calling `results(i)` for i = 0, 1, … in order
    /// (each read lazily from the store, so memory stays flat in the number of tasks).
    func aggregate(results: (Int) throws -> Data) throws -> [OutputFile]
    /// manifest.json for the run (the one output allowed to differ between runs).
    func manifest(run: RunRecord) -> OutputFile
}
