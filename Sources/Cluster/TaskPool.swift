import Foundation
import ZeroMQ

/// The worker's compute threads. The I/O thread enqueues tasks; each compute thread takes
/// one at a time, runs it, and appends the outcome to a shared list, waking the I/O
/// thread through its own inproc PUSH socket when the list was empty.
final class TaskPool: @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [WorkItem] = []
    private var head = 0
    private var outcomes: [ComputedTask] = []
    private var running = 0
    private var stopping = false
    private let wake: WakeSignal

    init(threads: Int, wake: WakeSignal) {
        self.wake = wake
        for i in 0..<threads {
            let thread = Thread { [self] in work() }
            thread.name = "task \(i)"
            thread.start()
        }
    }

    /// Tasks queued or running.
    var busy: Int {
        condition.lock(); defer { condition.unlock() }
        return queue.count - head + running
    }

    func enqueue(_ items: [WorkItem]) {
        guard !items.isEmpty else { return }
        condition.lock()
        queue.append(contentsOf: items)
        condition.broadcast()
        condition.unlock()
    }

    /// Tasks queued and not started.
    var queued: Int {
        condition.lock(); defer { condition.unlock() }
        return queue.count - head
    }

    /// Drops tasks not started yet; returns how many (they go back to the coordinator).
    @discardableResult
    func clearQueue() -> Int {
        condition.lock(); defer { condition.unlock() }
        let dropped = queue.count - head
        queue.removeAll()
        head = 0
        return dropped
    }

    /// Drops queued (not started) tasks for which `shouldDrop` is true; returns how many.
    @discardableResult
    func remove(where shouldDrop: (WorkItem) -> Bool) -> Int {
        condition.lock(); defer { condition.unlock() }
        let waiting = queue[head...]
        let kept = waiting.filter { !shouldDrop($0) }
        let dropped = waiting.count - kept.count
        if dropped > 0 {
            queue = Array(kept)
            head = 0
        }
        return dropped
    }

    func takeOutcomes() -> [ComputedTask] {
        condition.lock(); defer { condition.unlock() }
        let out = outcomes
        outcomes.removeAll(keepingCapacity: true)
        return out
    }

    func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        condition.unlock()
    }

    private func work() {
        let sender = try? wake.makeSender()
        defer { sender?.close() }
        while true {
            condition.lock()
            while head == queue.count && !stopping { condition.wait() }
            if stopping { condition.unlock(); return }
            let item = queue[head]
            head += 1
            if head == queue.count { queue.removeAll(keepingCapacity: true); head = 0 }
            running += 1
            condition.unlock()

            let outcome: Result<[UInt8], TaskError>
            do {
                outcome = .success(Array(try item.prepared.execute(task: item.task.index)))
            } catch {
                outcome = .failure(TaskError(message: String(describing: error)))
            }

            condition.lock()
            running -= 1
            let wasEmpty = outcomes.isEmpty
            outcomes.append(ComputedTask(job: item.job, task: item.task, outcome: outcome, session: item.session))
            condition.unlock()
            if wasEmpty { _ = try? sender?.send([[1]]) }
        }
    }
}
