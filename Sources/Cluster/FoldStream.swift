import ConcurrencyTools
import Foundation
import JobStore

/// One job's streaming aggregation: a thread that waits for "results committed",
/// folds every result it can read in index order, and on `complete` writes the output
/// files and publishes them atomically. Memory: the fold's aggregates only.
final class FoldStream: Sendable {
    private struct State: Sendable {
        var pending = false
        var record: RunRecord?
        var cancelled = false
    }

    private let condition = GuardedCondition(State())

    init(target: FoldTarget, report: @escaping @Sendable (AggregationOutcome) -> Void) {
        // Not joined: the thread ends after publishing or on `cancel()`, and reports
        // through `report` (the coordinator's mailbox).
        _ = OwnedThread(name: "fold \(target.id)") { [self] _ in
            if let outcome = run(target) { report(outcome) }
        }
    }

    func notify() {
        condition.withLock { access in
            access.state.pending = true
            access.signal()
        }
    }

    func complete(record: RunRecord) {
        condition.withLock { access in
            access.state.record = record
            access.signal()
        }
    }

    func cancel() {
        condition.withLock { access in
            access.state.cancelled = true
            access.signal()
        }
    }

    /// The thread's body; nil when cancelled (nothing is published then).
    private func run(_ target: FoldTarget) -> AggregationOutcome? {
        do {
            let store = try JobStore(path: target.storePath, readOnly: true)
            var fold = target.prepared.makeFold()
            fold.prepare()
            var next = 0
            while true {
                let (finalRecord, stop): (RunRecord?, Bool) = condition.withLock { access in
                    access.wait { $0.pending || $0.record != nil || $0.cancelled }
                    access.state.pending = false
                    return (access.state.record, access.state.cancelled)
                }
                if stop { return nil }
                try store.beginRead()
                defer { try? store.commit() }
                while next < target.prepared.taskCount, let data = try store.result(job: target.serial, index: next) {
                    try fold.fold(data, task: next)
                    next += 1
                    if next % 64 == 0, condition.withLock({ $0.state.cancelled }) { return nil }
                }
                guard let finalRecord else { continue }
                guard next == target.prepared.taskCount else {
                    throw StoreError(operation: "read result", code: 0, message: "task \(next) has no stored result")
                }
                var files = try fold.files()
                files.append(target.prepared.manifest(run: finalRecord))
                if condition.withLock({ $0.state.cancelled }) { return nil }
                try ResultFolder.publish(files, as: target.destination, durable: target.durable)
                return AggregationOutcome(id: target.id, error: nil)
            }
        } catch {
            // A result that cannot be folded fails the job — reported once the job is
            // complete, as the coordinator expects an outcome only for a complete job.
            let stop: Bool = condition.withLock { access in
                access.wait { $0.record != nil || $0.cancelled }
                return access.state.cancelled
            }
            return stop ? nil : AggregationOutcome(id: target.id, error: "aggregation failed: \(error)")
        }
    }
}
