import Cluster
import ClusterProtocol
import Foundation

/// `bench jobs`: the coordinator's resident memory and store as finished jobs pile up.
/// Submits tiny noop jobs (one task each) in waves, waits for each wave, and at each
/// checkpoint, 2 s after the last job ended, reads the coordinator process's
/// `VmRSS`/`RssAnon`/`VmHWM` (/proc/PID/status) and the sizes of its store and WAL.
package enum RetentionBenchmark {
    package struct Sample: Sendable {
        package var jobs: Int
        package var memory: ProcessMemory
        package var storeBytes: Int
        package var walBytes: Int
        package var seconds: Double
    }

    /// - Parameters:
    ///   - checkpoints: job counts at which to sample (ascending); a sample at 0 (idle, workers registered) comes first.
    ///   - coordinatorExecutable: another build's binary to run as the coordinator (before/after comparisons).
    package static func run(
        checkpoints: [Int], wave: Int = 50, workers: Int = 2, executable: URL, coordinatorExecutable: URL?,
        coordinatorArguments: [String] = [], report: (Sample) -> Void
    ) throws {
        let cluster = try ProcessCluster(
            executable: executable, coordinatorExecutable: coordinatorExecutable, coordinatorArguments: coordinatorArguments,
            workers: workers, threads: 1, credit: 8)
        defer { cluster.stop() }
        let client = try cluster.readyClient()
        defer { client.close() }
        let pid = cluster.coordinator.processIdentifier
        // nondeterministic-ok: fresh job ids per run, so no run reuses another's stored results
        let nonce = UUID().uuidString
        let start = MonotonicClock.now()
        func sample(_ jobs: Int) throws {
            // At rest: the coordinator's once-a-second housekeeping has run since the last job ended.
            usleep(2_000_000)
            guard let memory = ProcessMemory(pid: pid) else { throw ClientError.unexpectedReply("cannot read /proc/\(pid)/status") }
            let size = { (path: String) in (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0 }
            report(
                Sample(
                    jobs: jobs, memory: memory, storeBytes: size(cluster.storePath), walBytes: size(cluster.storePath + "-wal"),
                    seconds: MonotonicClock.now() - start))
        }
        try sample(0)
        var submitted = 0
        for target in checkpoints {
            while submitted < target {
                let count = min(wave, target - submitted)
                let ids = try (0..<count).map { i in
                    let spec = "{\"tasks\": 1, \"nonce\": \"\(nonce)-\(submitted + i)\"}"
                    return try client.submit(JobBundle(kind: "noop", spec: Data(spec.utf8)), name: "tiny")
                }
                for id in ids {
                    let final = try client.wait(job: id, interval: 0.002)
                    guard final.state == .done else { throw ClientError.unexpectedReply("job \(id) \(final.state)") }
                }
                submitted += count
            }
            try sample(submitted)
        }
    }
}
