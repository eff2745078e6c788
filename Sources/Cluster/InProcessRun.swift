import Foundation

/// `run --workers 0`: the same `prepare` / `execute` / `aggregate` / `manifest` calls as the
/// cluster, in this process, with no sockets and no store — so its bytes are the reference
/// every distributed run must reproduce.
public enum InProcessRun {
    /// Runs every task in index order and returns the aggregated files plus manifest.json.
    public static func run(_ bundle: JobBundle, backend: any TaskBackend) throws -> [OutputFile] {
        let started = MonotonicClock.now()
        let submittedAt = MonotonicClock.wall()
        let job = try backend.prepare(bundle)
        var fold = job.makeFold()
        for index in 0..<job.taskCount {
            try fold.fold(job.execute(task: index), task: index)
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
