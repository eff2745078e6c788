import Foundation
import Logging

/// Folds each job's results on a background thread *while the job still computes*, so
/// that when its last result is committed only the last few folds and the output files
/// remain — the serial tail that limits how well a small job scales with workers.
///
/// The coordinator thread calls `resultsCommitted` after each commit that stored results
/// of a job, `complete` once all of its results are committed, `cancel` when it fails or
/// is cancelled. Each job's `FoldStream` reads results through its own read-only store
/// connection (WAL readers see committed data only), strictly in task-index order, so
/// the aggregate never depends on the order in which results arrived.
///
/// Split in two: this registry of streams is the coordinator thread's alone (not
/// Sendable); the fold threads reach the loop only through the Sendable `mailbox`.
final class Aggregator {
    private let mailbox: LoopMailbox<AggregationOutcome>
    private let logger: Logger
    /// Streams by job id.
    private var streams: [String: FoldStream] = [:]

    init(wake: WakeSignal, logger: Logger) {
        mailbox = LoopMailbox(wake: wake)
        self.logger = logger
    }

    /// The job's first tasks went out: start its fold thread (which prepares the fold).
    func start(_ target: FoldTarget) {
        _ = stream(for: target)
    }

    /// New results of job `id` are committed: its stream (started on first use) folds them.
    /// `target` is built only when the stream does not exist yet (it builds a URL).
    func resultsCommitted(_ id: String, target: () -> FoldTarget) {
        (streams[id] ?? stream(for: target())).notify()
    }

    /// Every result of the job is committed: fold the rest, write the files, publish.
    func complete(_ target: FoldTarget, record: RunRecord) {
        stream(for: target).complete(record: record)
        streams.removeValue(forKey: target.id)
    }

    /// The job ended without aggregating (failed, cancelled, coordinator stopping).
    func cancel(_ id: String) {
        streams.removeValue(forKey: id)?.cancel()
    }

    func cancelAll() {
        for stream in streams.values { stream.cancel() }
        streams.removeAll()
    }

    /// Fold streams alive (one per job computing or aggregating; none once jobs end).
    var count: Int { streams.count }

    /// Outcomes finished since the last call.
    func takeFinished() -> [AggregationOutcome] {
        mailbox.take()
    }

    private func stream(for target: FoldTarget) -> FoldStream {
        if let stream = streams[target.id] { return stream }
        let stream = FoldStream(target: target) { [mailbox] outcome in mailbox.post(outcome) }
        streams[target.id] = stream
        return stream
    }
}

/// What a job's fold reads and where it publishes.
struct FoldTarget: Sendable {
    var serial: Int
    var id: String
    var prepared: any PreparedJob
    var storePath: String
    var destination: URL
    /// Whether the published files are synced to disk (not for `run`'s throwaway cluster).
    var durable: Bool
}
