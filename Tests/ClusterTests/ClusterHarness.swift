import ClusterProtocol
import ClusterSupport
import Foundation
import TestSupport
import XCTest
import ZeroMQ
@testable import Cluster

/// Real `transborder` coordinator and worker processes in a temporary folder, all killed
/// at teardown. Every wait is bounded.
final class ClusterHarness {
    let directory: URL
    var processes: [Process] = []
    private(set) var coordinator: Process?
    private(set) var endpoint = ""
    let storePath: String
    let resultsPath: String

    init() throws {
        directory = try Fixtures.temporaryDirectory("cluster")
        storePath = directory.appendingPathComponent("state.db").path
        resultsPath = directory.appendingPathComponent("results").path
    }

    /// Starts `transborder ARGS`, stdout and stderr to files named after `label`.
    @discardableResult
    func spawn(_ label: String, _ arguments: [String], environment: [String: String] = [:]) throws -> Process {
        let process = Process()
        process.executableURL = Fixtures.binary
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let out = directory.appendingPathComponent("\(label).out")
        let err = directory.appendingPathComponent("\(label).err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        processes.append(process)
        return process
    }

    /// Standard output of a process started by `spawn`.
    func output(_ label: String) -> String {
        (try? String(contentsOf: directory.appendingPathComponent("\(label).out"), encoding: .utf8)) ?? ""
    }

    func log(_ label: String) -> String {
        (try? String(contentsOf: directory.appendingPathComponent("\(label).err"), encoding: .utf8)) ?? ""
    }

    /// Starts a coordinator; `transport` tcp binds 127.0.0.1 on a free port, ipc a socket in the folder.
    /// Restarting with ipc reuses the same endpoint.
    @discardableResult
    func startCoordinator(transport: Transport = .tcp, label: String = "coordinator", extra: [String] = []) throws -> Process {
        let endpointFile = directory.appendingPathComponent("\(label).endpoint")
        try? FileManager.default.removeItem(at: endpointFile)
        let bind = transport == .ipc ? "ipc://\(directory.path)/c.sock" : "tcp://127.0.0.1:*"
        let process = try spawn(
            label,
            [
                "coordinator", "--bind", bind, "--store", storePath, "--results", resultsPath,
                "--endpoint-file", endpointFile.path, "--log-level", "debug",
            ] + extra)
        coordinator = process
        try waitFor("coordinator endpoint", timeout: 20) { FileManager.default.fileExists(atPath: endpointFile.path) || !process.isRunning }
        XCTAssertTrue(process.isRunning, "coordinator exited: \(log(label))")
        endpoint = try String(contentsOf: endpointFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        return process
    }

    @discardableResult
    func startWorker(_ name: String, threads: Int = 1, credit: Int = 4) throws -> Process {
        try spawn(
            name,
            ["worker", "--connect", endpoint, "--name", name, "--threads", "\(threads)", "--credit", "\(credit)", "--log-level", "debug"])
    }

    func client(timeout: Double = 10) throws -> ClusterClient {
        try ClusterClient(endpoint: endpoint, timeout: timeout)
    }

    /// Waits until `condition` holds, failing (and throwing) after `timeout` seconds.
    func waitFor(_ what: String, timeout: Double, _ condition: () throws -> Bool) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if try condition() { return }
            usleep(50_000)
        }
        XCTFail("timed out after \(Int(timeout)) s waiting for \(what)")
        throw HarnessError.timeout(what)
    }

    /// Waits for a process to exit; returns its status.
    func waitForExit(_ process: Process, timeout: Double) throws -> Int32 {
        try waitFor("process exit", timeout: timeout) { !process.isRunning }
        return process.terminationStatus
    }

    /// Polls the job until done/failed/cancelled (bounded).
    func waitForJob(_ id: String, timeout: Double = 45) throws -> JobStatus {
        var last: JobStatus?
        try waitFor("job \(id) to finish", timeout: timeout) {
            guard let client = try? self.client(timeout: 2), let status = try? client.status(job: id) else { return false }
            last = status
            return status.state.isFinished
        }
        guard let last else { throw HarnessError.timeout("status") }
        return last
    }

    func stopAll() {
        for process in processes where process.isRunning { kill(process.processIdentifier, SIGKILL) }
        for process in processes { process.waitUntilExit() }
        try? FileManager.default.removeItem(at: directory)
    }

    /// A noop spec file; returns its path.
    func noopSpec(tasks: Int, sleepMilliseconds: Int = 0, countFile: String? = nil, name: String = "noop.json") throws -> String {
        var spec = "{\"tasks\": \(tasks), \"payload_bytes\": 24, \"sleep_ms\": \(sleepMilliseconds)"
        if let countFile { spec += ", \"count_file\": \"\(countFile)\"" }
        spec += "}"
        let url = directory.appendingPathComponent(name)
        try Data(spec.utf8).write(to: url)
        return url.path
    }

    /// The reference output of a spec file: the in-process run (`--workers 0` code path).
    static func reference(kind: String = "noop", specPath: String) throws -> Data {
        let bundle = JobBundle(kind: kind, spec: try Data(contentsOf: URL(fileURLWithPath: specPath)))
        let files = try InProcessRun.run(bundle, backend: NoopBackend())
        return files.first { $0.name == "noop-summary.json" }?.data ?? Data()
    }

    func summary(of id: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: resultsPath).appendingPathComponent(id).appendingPathComponent("noop-summary.json"))
    }
}

enum HarnessError: Error {
    case timeout(String)
}

/// The next message on `socket` within `timeout` milliseconds, or nil.
func receiveFrames(_ socket: ZMQSocket, timeout: Int = 5000) throws -> [[UInt8]]? {
    var poller = ZMQPoller()
    poller.addReadable(socket)
    guard try poller.poll(timeoutMilliseconds: timeout) > 0 else { return nil }
    return try socket.receive(dontWait: true)?.frames
}
