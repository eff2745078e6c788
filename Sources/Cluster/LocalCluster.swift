import ConcurrencyTools
import Foundation
import Logging

/// A coordinator on a thread of this process plus N worker child processes of the same
/// binary, in a temporary folder (`run --workers N`, `bench cluster`). `stop()` tears it down.
package final class LocalCluster {
    package let endpoint: String
    package let directory: URL
    package let resultsDirectory: URL
    private let stopSignal = StopSignal()
    private let coordinatorThread: OwnedThread
    private var workers: [Process] = []
    private let logger: Logger

    /// - Parameters:
    ///   - executable: the `transborder` binary to start workers from.
    ///   - workerArguments: extra arguments for every `transborder worker` (e.g. `--log-level`).
    package init(
        workers count: Int, threads: Int, credit: Int?, transport: Transport,
        backends: [String: any TaskBackend], executable: URL, workerArguments: [String] = [],
        handoff: PreparedJobHandoff? = nil, logger: Logger
    ) throws {
        self.logger = logger
        // nondeterministic-ok: a temporary name unique among concurrent writers
        directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "transborder-run-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        resultsDirectory = directory.appendingPathComponent("results")
        let bind = transport == .ipc ? "ipc://\(directory.path)/coordinator.sock" : "tcp://127.0.0.1:*"
        var config = CoordinatorConfiguration(
            bind: bind, storePath: directory.appendingPathComponent("state.db").path,
            resultsDirectory: resultsDirectory, backends: backends)
        config.ephemeralStore = true
        config.handoff = handoff
        // The bound endpoint, handed from the coordinator thread (nil: it failed to start).
        let listening = GuardedCondition<String??>(nil)
        let announce: @Sendable (String?) -> Void = { endpoint in
            listening.withLock { access in
                if access.state == nil { access.state = .some(endpoint) }
                access.broadcast()
            }
        }
        config.onListening = { announce($0) }
        let stop = stopSignal
        let configuration = config
        coordinatorThread = OwnedThread(name: "coordinator") { _ in
            do {
                let coordinator = try Coordinator(configuration: configuration, logger: logger)
                try coordinator.run(until: stop)
            } catch {
                logger.error("coordinator failed: \(error)")
                announce(nil)
                throw error
            }
        }
        let bound: String? = listening.withLock { access in
            access.wait { $0 != nil }
            return access.state ?? nil
        }
        guard let endpoint = bound else {
            throw ClientError.unexpectedReply("the in-process coordinator did not start")
        }
        self.endpoint = endpoint
        for i in 0..<count {
            let process = Process()
            process.executableURL = executable
            var arguments = ["worker", "--connect", endpoint, "--threads", "\(threads)", "--name", "local-\(i + 1)"]
            if let credit { arguments += ["--credit", "\(credit)"] }
            process.arguments = arguments + workerArguments
            try process.run()
            workers.append(process)
        }
    }

    /// SIGTERM to the workers (they drain) and, at the same time, stops the coordinator;
    /// waits for both (a worker still running after 10 s is killed), removes the folder.
    package func stop() {
        for worker in workers where worker.isRunning { worker.terminate() }
        stopSignal.request()
        let deadline = Date().addingTimeInterval(10)
        for worker in workers {
            while worker.isRunning && Date() < deadline { usleep(2_000) }
            if worker.isRunning { kill(worker.processIdentifier, SIGKILL) }
        }
        // Its error, if any, was logged on its thread.
        _ = try? coordinatorThread.join(timeout: 10)
        try? FileManager.default.removeItem(at: directory)
    }
}
