import Foundation
import Logging

/// A coordinator on a thread of this process plus N worker child processes of the same
/// binary, in a temporary folder (`run --workers N`, `bench cluster`). `stop()` tears it down.
public final class LocalCluster {
    public let endpoint: String
    public let directory: URL
    public let resultsDirectory: URL
    private let stopSignal = StopSignal()
    private let finished = DispatchSemaphore(value: 0)
    private var workers: [Process] = []
    private let logger: Logger

    /// - Parameters:
    ///   - executable: the `transborder` binary to start workers from.
    ///   - workerArguments: extra arguments for every `transborder worker` (e.g. `--log-level`).
    public init(workers count: Int, threads: Int, credit: Int?, transport: Transport,
                backends: [String: any TaskBackend], executable: URL, workerArguments: [String] = [],
                handoff: PreparedJobHandoff? = nil, logger: Logger) throws {
        self.logger = logger
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("transborder-run-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        resultsDirectory = directory.appendingPathComponent("results")
        let bind = transport == .ipc ? "ipc://\(directory.path)/coordinator.sock" : "tcp://127.0.0.1:*"
        var config = CoordinatorConfiguration(bind: bind, storePath: directory.appendingPathComponent("state.db").path,
                                              resultsDirectory: resultsDirectory, backends: backends)
        config.ephemeralStore = true
        config.handoff = handoff
        let endpointBox = EndpointBox()
        config.onListening = { endpointBox.set($0) }
        let stop = stopSignal, done = finished, configuration = config
        let thread = Thread {
            do {
                let coordinator = try Coordinator(configuration: configuration, logger: logger)
                try coordinator.run(until: stop)
            } catch {
                logger.error("coordinator failed: \(error)")
                endpointBox.set(nil)
            }
            done.signal()
        }
        thread.name = "coordinator"
        thread.start()
        guard let endpoint = endpointBox.wait() else {
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
    public func stop() {
        for worker in workers where worker.isRunning { worker.terminate() }
        stopSignal.request()
        let deadline = Date().addingTimeInterval(10)
        for worker in workers {
            while worker.isRunning && Date() < deadline { usleep(2_000) }
            if worker.isRunning { kill(worker.processIdentifier, SIGKILL) }
        }
        _ = finished.wait(timeout: .now() + 10)
        try? FileManager.default.removeItem(at: directory)
    }
}

/// Hands the bound endpoint from the coordinator thread to the caller.
final class EndpointBox: @unchecked Sendable {
    private let lock = Lock()
    private let ready = DispatchSemaphore(value: 0)
    private var value: String?
    private var isSet = false

    func set(_ endpoint: String?) {
        let first: Bool = lock.withLock {
            defer { isSet = true }
            if !isSet { value = endpoint }
            return !isSet
        }
        if first { ready.signal() }
    }

    func wait() -> String? {
        ready.wait()
        return lock.withLock { value }
    }
}
