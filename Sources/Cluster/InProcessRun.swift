import Foundation

/// `run --workers 0`: the same `prepare` / `execute` / `aggregate` / `manifest` calls as the
/// cluster, in this process, with no sockets and no store — so its bytes are the reference
/// every distributed run must reproduce.
public enum InProcessRun {
    /// Runs every task and returns the aggregated files plus manifest.json.
    ///
    /// - Parameters:
    ///   - threads: compute threads; tasks run concurrently but are folded in index order
    ///     (at most `4 × threads` results wait), so the bytes do not depend on it.
    ///   - progress: called on this thread after each folded task with (done, total).
    public static func run(_ bundle: JobBundle, backend: any TaskBackend, threads: Int = 1,
                           progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }) throws -> [OutputFile] {
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
        let record = RunRecord(job: String(hash.prefix(16)), kind: bundle.kind, bundleHash: hash, tasks: job.taskCount,
                               workers: 0, retries: 0, lost: 0, duplicates: 0,
                               elapsedSeconds: MonotonicClock.now() - started, submittedAt: submittedAt,
                               finishedAt: MonotonicClock.wall())
        files.append(job.manifest(run: record))
        return files
    }
}

/// Compute threads for `InProcessRun`: each takes the next task index, at most `window`
/// ahead of the fold, and leaves its result for `result(of:)`.
private final class InProcessPool: @unchecked Sendable {
    private let job: any PreparedJob
    private let window: Int
    private let condition = NSCondition()
    private var next = 0
    private var folded = 0
    private var results: [Int: Result<Data, any Error>] = [:]
    private var stopped = false
    private var running: Int

    init(job: any PreparedJob, threads: Int, window: Int) {
        self.job = job
        self.window = max(window, threads)
        running = threads
        for _ in 0..<threads {
            let thread = Thread { [self] in work() }
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    private func work() {
        while true {
            condition.lock()
            while !stopped && next < job.taskCount && next >= folded + window { condition.wait() }
            guard !stopped, next < job.taskCount else {
                running -= 1
                condition.broadcast()
                condition.unlock()
                return
            }
            let index = next
            next += 1
            condition.unlock()
            let result = Result { try job.execute(task: index) }
            condition.lock()
            results[index] = result
            condition.broadcast()
            condition.unlock()
        }
    }

    /// The result of task `index` (waits for it); call with 0, 1, 2, … in order.
    func result(of index: Int) throws -> Data {
        condition.lock()
        while results[index] == nil { condition.wait() }
        let result = results.removeValue(forKey: index)
        folded = index + 1
        condition.broadcast()
        condition.unlock()
        guard let result else { throw CancellationError() }
        return try result.get()
    }

    /// Stops handing out tasks and waits for the threads to finish their current one.
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        while running > 0 { condition.wait() }
        condition.unlock()
    }
}
