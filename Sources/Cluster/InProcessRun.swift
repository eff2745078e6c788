import AtomicOutput
import ClusterProtocol
import ConcurrencyTools
import Foundation

/// `run --workers 0`: the same `prepare` / `execute` / `aggregate` / `manifest` calls as the
/// cluster, in this process, with no sockets and no store — so its bytes are the reference
/// every distributed run must reproduce.
package enum InProcessRun {
    /// Runs every task and returns the aggregated files plus manifest.json.
    ///
    /// - Parameters:
    ///   - threads: compute threads; tasks run concurrently but are folded in index order
    ///     (at most `4 × threads` results wait), so the bytes do not depend on it.
    ///   - progress: called on this thread after each folded task with (done, total).
    package static func run(
        _ bundle: JobBundle, backend: any TaskBackend, threads: Int = 1,
        progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }
    ) throws -> [OutputFile] {
        let started = MonotonicClock.now()
        let submittedAt = MonotonicClock.wall()
        let job = try backend.prepare(bundle)
        var fold = job.makeFold()
        progress(0, job.taskCount)
        if threads <= 1 || job.taskCount <= 1 {
            for index in 0..<job.taskCount {
                try fold.fold(job.execute(task: index), task: index)
                progress(index + 1, job.taskCount)
            }
        } else {
            let pool = InProcessPool(job: job, threads: min(threads, job.taskCount), window: 4 * threads)
            defer { pool.stop() }
            fold.prepare()
            for index in 0..<job.taskCount {
                try fold.fold(pool.result(of: index), task: index)
                progress(index + 1, job.taskCount)
            }
        }
        var files = try fold.files()
        let hash = bundle.contentHash
        let record = RunRecord(
            job: String(hash.prefix(16)), kind: bundle.kind, bundleHash: hash, tasks: job.taskCount,
            workers: 0, retries: 0, lost: 0, duplicates: 0,
            elapsedSeconds: MonotonicClock.now() - started, submittedAt: submittedAt,
            finishedAt: MonotonicClock.wall())
        files.append(job.manifest(run: record))
        return files
    }
}

/// Compute threads for `InProcessRun`: each takes the next task index, at most `window`
/// ahead of the fold, and leaves its result for `result(of:)`.
private final class InProcessPool: Sendable {
    private struct State: Sendable {
        var next = 0
        var folded = 0
        var results: [Int: Result<Data, any Error>] = [:]
        var stopped = false
    }

    private let job: any PreparedJob
    private let window: Int
    private let state = GuardedCondition(State())
    private let threads: [OwnedThread]

    init(job: any PreparedJob, threads count: Int, window: Int) {
        self.job = job
        let window = max(window, count)
        self.window = window
        let state = self.state
        threads = (0..<count).map { i in
            OwnedThread(name: "compute \(i)", stackSize: 8 << 20) { _ in Self.work(job: job, window: window, state: state) }
        }
    }

    private static func work(job: any PreparedJob, window: Int, state: GuardedCondition<State>) {
        while true {
            let claimed: Int? = state.withLock { access in
                access.wait { $0.stopped || $0.next >= job.taskCount || $0.next < $0.folded + window }
                guard !access.state.stopped, access.state.next < job.taskCount else { return nil }
                defer { access.state.next += 1 }
                return access.state.next
            }
            guard let index = claimed else { return }
            let result = Result { try job.execute(task: index) }
            state.withLock { access in
                access.state.results[index] = result
                access.broadcast()
            }
        }
    }

    /// The result of task `index` (waits for it); call with 0, 1, 2, … in order.
    func result(of index: Int) throws -> Data {
        let result = state.withLock { access in
            access.wait { $0.results[index] != nil }
            access.state.folded = index + 1
            access.broadcast()
            return access.state.results.removeValue(forKey: index)
        }
        guard let result else { throw CancellationError() }
        return try result.get()
    }

    /// Stops handing out tasks and waits for the threads to finish their current one.
    func stop() {
        state.withLock { access in
            access.state.stopped = true
            access.broadcast()
        }
        for thread in threads { try? thread.join() }
    }
}
