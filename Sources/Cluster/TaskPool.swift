import ConcurrencyTools
import Foundation
import ZeroMQ

/// The worker's compute threads. The I/O thread enqueues tasks; each compute thread takes
/// one at a time, runs it, and appends the outcome to a shared list, waking the I/O
/// thread through its own inproc PUSH socket when the list was empty.
final class TaskPool: Sendable {
    private struct State: Sendable {
        var queue: [WorkItem] = []
        var head = 0
        var outcomes: [ComputedTask] = []
        var running = 0
        var stopping = false

        var waiting: Int { queue.count - head }
    }

    private let state = GuardedCondition(State())
    private let wake: WakeSignal

    init(threads: Int, wake: WakeSignal) {
        self.wake = wake
        for i in 0..<threads {
            // Not joined: `stop()` makes each return after its current task; the worker
            // process exits once its loop has drained.
            _ = OwnedThread(name: "task \(i)") { [self] _ in work() }
        }
    }

    /// Tasks queued or running.
    var busy: Int {
        state.withLock { $0.state.waiting + $0.state.running }
    }

    func enqueue(_ items: [WorkItem]) {
        guard !items.isEmpty else { return }
        state.withLock { access in
            access.state.queue.append(contentsOf: items)
            access.broadcast()
        }
    }

    /// Tasks queued and not started.
    var queued: Int {
        state.withLock { $0.state.waiting }
    }

    /// Drops tasks not started yet; returns how many (they go back to the coordinator).
    @discardableResult
    func clearQueue() -> Int {
        state.withLock { access in
            let dropped = access.state.waiting
            access.state.queue.removeAll()
            access.state.head = 0
            return dropped
        }
    }

    /// Drops queued (not started) tasks for which `shouldDrop` is true; returns how many.
    @discardableResult
    func remove(where shouldDrop: (WorkItem) -> Bool) -> Int {
        state.withLock { access in
            let waiting = access.state.queue[access.state.head...]
            let kept = waiting.filter { !shouldDrop($0) }
            let dropped = waiting.count - kept.count
            if dropped > 0 {
                access.state.queue = Array(kept)
                access.state.head = 0
            }
            return dropped
        }
    }

    func takeOutcomes() -> [ComputedTask] {
        state.withLock { access in
            let out = access.state.outcomes
            access.state.outcomes.removeAll(keepingCapacity: true)
            return out
        }
    }

    func stop() {
        state.withLock { access in
            access.state.stopping = true
            access.broadcast()
        }
    }

    private func work() {
        let sender = try? wake.makeSender()
        defer { sender?.close() }
        while true {
            let next: WorkItem? = state.withLock { access in
                access.wait { $0.head < $0.queue.count || $0.stopping }
                if access.state.stopping { return nil }
                let item = access.state.queue[access.state.head]
                access.state.head += 1
                if access.state.head == access.state.queue.count {
                    access.state.queue.removeAll(keepingCapacity: true)
                    access.state.head = 0
                }
                access.state.running += 1
                return item
            }
            guard let item = next else { return }

            let outcome: Result<[UInt8], TaskError>
            do {
                outcome = .success(Array(try item.prepared.execute(task: item.task.index)))
            } catch {
                outcome = .failure(TaskError(message: String(describing: error)))
            }

            let wasEmpty: Bool = state.withLock { access in
                access.state.running -= 1
                let wasEmpty = access.state.outcomes.isEmpty
                access.state.outcomes.append(ComputedTask(job: item.job, task: item.task, outcome: outcome, session: item.session))
                return wasEmpty
            }
            if wasEmpty { _ = try? sender?.send([[1]]) }
        }
    }
}
