import Foundation
import Logging

/// Folds finished jobs on background threads, so the coordinator loop keeps serving
/// heartbeats while a large aggregate is computed. Each thread reads results through its
/// own read-only store connection (WAL allows it), in task-index order, one at a time,
/// and publishes the folder atomically.
final class Aggregator: @unchecked Sendable {
    private let lock = Lock()
    private var finished: [AggregationOutcome] = []
    private let wake: WakeSignal
    private let logger: Logger

    init(wake: WakeSignal, logger: Logger) {
        self.wake = wake
        self.logger = logger
    }

    func start(_ work: AggregationWork) {
        let thread = Thread { [self] in
            let outcome = Self.aggregate(work)
            lock.withLock { finished.append(outcome) }
            if let sender = try? wake.makeSender() {
                _ = try? sender.send([[1]])
                sender.close()
            }
        }
        thread.name = "aggregate \(work.id)"
        thread.start()
    }

    /// Outcomes finished since the last call.
    func takeFinished() -> [AggregationOutcome] {
        lock.withLock {
            defer { finished.removeAll() }
            return finished
        }
    }

    static func aggregate(_ work: AggregationWork) -> AggregationOutcome {
        do {
            let store = try JobStore(path: work.storePath, readOnly: true)
            try store.beginRead()
            defer { try? store.commit() }
            let prepared = try work.backend.prepare(work.bundle)
            var files = try prepared.aggregate { index in
                guard let data = try store.result(job: work.serial, index: index) else {
                    throw StoreError(operation: "read result", code: 0, message: "task \(index) has no stored result")
                }
                return data
            }
            files.append(prepared.manifest(run: work.record))
            try ResultFolder.publish(files, as: work.destination)
            return AggregationOutcome(id: work.id, error: nil)
        } catch {
            return AggregationOutcome(id: work.id, error: "aggregation failed: \(error)")
        }
    }
}
