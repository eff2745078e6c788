import Foundation

/// One job's streaming aggregation: a thread that waits for "results committed",
/// folds every result it can read in index order, and on `complete` writes the output
/// files and publishes them atomically. Memory: the fold's aggregates only.
final class FoldStream: @unchecked Sendable {
    private let condition = NSCondition()
    private var pending = false
    private var record: RunRecord?
    private var cancelled = false

    init(target: FoldTarget, report: @escaping @Sendable (AggregationOutcome) -> Void) {
        let thread = Thread { [self] in
            if let outcome = run(target) { report(outcome) }
        }
        thread.name = "fold \(target.id)"
        thread.start()
    }

    func notify() {
        condition.withLock {
            pending = true
            condition.signal()
        }
    }

    func complete(record: RunRecord) {
        condition.withLock {
            self.record = record
            condition.signal()
        }
    }

    func cancel() {
        condition.withLock {
            cancelled = true
            condition.signal()
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
                let (finalRecord, stop): (RunRecord?, Bool) = condition.withLock {
                    while !pending && record == nil && !cancelled { condition.wait() }
                    pending = false
                    return (record, cancelled)
                }
                if stop { return nil }
                try store.beginRead()
                defer { try? store.commit() }
                while next < target.prepared.taskCount, let data = try store.result(job: target.serial, index: next) {
                    try fold.fold(data, task: next)
                    next += 1
                    if next % 64 == 0, condition.withLock({ cancelled }) { return nil }
                }
                guard let finalRecord else { continue }
                guard next == target.prepared.taskCount else {
                    throw StoreError(operation: "read result", code: 0, message: "task \(next) has no stored result")
                }
                var files = try fold.files()
                files.append(target.prepared.manifest(run: finalRecord))
                if condition.withLock({ cancelled }) { return nil }
                try ResultFolder.publish(files, as: target.destination, durable: target.durable)
                return AggregationOutcome(id: target.id, error: nil)
            }
        } catch {
            // A result that cannot be folded fails the job — reported once the job is
            // complete, as the coordinator expects an outcome only for a complete job.
            let stop: Bool = condition.withLock {
                while record == nil && !cancelled { condition.wait() }
                return cancelled
            }
            return stop ? nil : AggregationOutcome(id: target.id, error: "aggregation failed: \(error)")
        }
    }
}
