import Cluster
import ClusterProtocol
import Foundation

/// A coordinator *process* with a durable store and worker processes, in a temporary
/// folder — what the fairness and memory benchmarks measure (`bench fairness`,
/// `bench jobs`): unlike `LocalCluster`, the coordinator is alone in its process, so its
/// resident size is its own, and its store is the one a deployment runs.
package final class ProcessCluster {
    package let directory: URL
    package let endpoint: String
    package let coordinator: Process
    private var workers: [Process] = []

    /// - Parameters:
    ///   - coordinatorExecutable: the binary run as `coordinator` (another build, to compare).
    ///   - coordinatorArguments: extra coordinator options (e.g. `--schedule fifo`).
    package init(
        executable: URL, coordinatorExecutable: URL? = nil, coordinatorArguments: [String] = [],
        workers count: Int, threads: Int, credit: Int
    ) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            // nondeterministic-ok: a temporary folder name unique among concurrent benchmarks
            "transborder-bench-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let endpointFile = directory.appendingPathComponent("endpoint")
        coordinator = Process()
        coordinator.executableURL = coordinatorExecutable ?? executable
        coordinator.arguments =
            [
                "coordinator", "--bind", "ipc://\(directory.path)/c.sock", "--store", directory.appendingPathComponent("state.db").path,
                "--results", directory.appendingPathComponent("results").path, "--endpoint-file", endpointFile.path,
                "--log-level", "warning",
            ] + coordinatorArguments
        coordinator.standardError = FileHandle.nullDevice
        try coordinator.run()
        let deadline = Date().addingTimeInterval(30)
        while !FileManager.default.fileExists(atPath: endpointFile.path) {
            guard coordinator.isRunning, Date() < deadline else {
                throw ClientError.unexpectedReply("the benchmark's coordinator did not start")
            }
            usleep(10_000)
        }
        usleep(10_000)
        endpoint = try String(contentsOf: endpointFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        for i in 0..<count {
            let worker = Process()
            worker.executableURL = executable
            worker.arguments = [
                "worker", "--connect", endpoint, "--threads", "\(threads)", "--credit", "\(credit)", "--name", "bench-\(i + 1)",
                "--log-level", "warning",
            ]
            try worker.run()
            workers.append(worker)
        }
    }

    /// The coordinator's store file.
    package var storePath: String { directory.appendingPathComponent("state.db").path }

    /// A client once every worker has registered (bounded wait).
    package func readyClient() throws -> ClusterClient {
        let client = try ClusterClient(endpoint: endpoint, timeout: 30)
        let deadline = Date().addingTimeInterval(30)
        while try client.clusterStatus().workers.count < workers.count {
            guard Date() < deadline else { throw ClientError.timeout(endpoint: endpoint, seconds: 30) }
            usleep(20_000)
        }
        return client
    }

    /// SIGTERM to everything, SIGKILL after 10 s, then removes the folder.
    package func stop() {
        let all = workers + [coordinator]
        for process in all where process.isRunning { process.terminate() }
        let deadline = Date().addingTimeInterval(10)
        for process in all {
            while process.isRunning && Date() < deadline { usleep(5_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        try? FileManager.default.removeItem(at: directory)
    }
}

/// Memory of a running process as Linux reports it in `/proc/PID/status`.
package struct ProcessMemory: Sendable {
    /// Resident set size now, and its peak (`VmRSS`, `VmHWM`), in kB.
    package var residentKilobytes: Int
    package var peakKilobytes: Int
    /// The anonymous part of `VmRSS` (`RssAnon`: heap, stacks), in kB: what a leak grows.
    package var anonymousKilobytes: Int

    /// nil when the file cannot be read (not Linux, or the process is gone).
    package init?(pid: Int32) {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        func field(_ name: String) -> Int? {
            guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix(name + ":") }) else { return nil }
            return line.split(separator: " ").compactMap { Int($0) }.first
        }
        guard let rss = field("VmRSS"), let hwm = field("VmHWM"), let anonymous = field("RssAnon") else { return nil }
        residentKilobytes = rss
        peakKilobytes = hwm
        anonymousKilobytes = anonymous
    }
}
