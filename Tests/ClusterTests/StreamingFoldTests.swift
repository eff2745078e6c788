import AtomicOutput
import ClusterProtocol
import Foundation
import Logging
import XCTest
@testable import Cluster

/// The coordinator folds a job's results while the job still runs (`FoldStream`):
/// real coordinator, real SQLite store, a real worker loop over real ZeroMQ sockets,
/// with test backends that record the fold order or refuse one result.
final class StreamingFoldTests: XCTestCase {
    /// Results arrive out of order (later tasks are faster); the fold still sees 0, 1, 2, …
    /// and the published summary lists them so.
    func testFoldSeesResultsInIndexOrderWhileTheJobRuns() throws {
        let outcome = try runJob(kind: "ordered", tasks: 24)
        XCTAssertEqual(outcome.status.state, .done, outcome.status.error ?? "")
        let files = try XCTUnwrap(outcome.files, "nothing published")
        let order = try XCTUnwrap(files.first { $0.name == "order.txt" })
        XCTAssertEqual(String(decoding: order.data, as: UTF8.self), (0..<24).map(String.init).joined(separator: ","))
    }

    /// A result the fold refuses while the job is still running fails the job once all
    /// results are in, with the fold's own error shown to the client — it never hangs.
    func testResultThatCannotBeFoldedFailsTheJobWithItsError() throws {
        let outcome = try runJob(kind: "poison", tasks: 20)
        XCTAssertEqual(outcome.status.state, .failed)
        let error = try XCTUnwrap(outcome.status.error)
        XCTAssertTrue(error.contains("aggregation failed"), error)
        XCTAssertTrue(error.contains("result 3 cannot be folded"), error)
        XCTAssertNil(outcome.files, "nothing may be published")
    }

    // MARK: harness

    struct Outcome {
        var status: JobStatus
        /// The published result folder's files (read before the cluster is torn down), nil if none.
        var files: [OutputFile]?
    }

    /// An in-process coordinator (no worker processes) plus one in-process worker loop,
    /// both knowing the test backends; submits a job of `kind` and waits for its end.
    func runJob(kind: String, tasks: Int) throws -> Outcome {
        let backends: [String: any TaskBackend] = ["ordered": OrderedBackend(), "poison": PoisonBackend()]
        let logger = Logger(label: "test")
        let cluster = try LocalCluster(
            workers: 0, threads: 1, credit: nil, transport: .ipc, backends: backends,
            executable: URL(fileURLWithPath: "/bin/false"), logger: logger)
        defer { cluster.stop() }
        let stop = StopSignal()
        let stopped = DispatchSemaphore(value: 0)
        let endpoint = cluster.endpoint
        let worker = Thread {
            var config = WorkerConfiguration(endpoint: endpoint, name: "in-process", threads: 2, credit: 8, backends: backends)
            config.heartbeatTimeout = 10
            _ = try? WorkerLoop(configuration: config, logger: logger).run(until: stop)
            stopped.signal()
        }
        worker.start()
        defer {
            stop.request()
            _ = stopped.wait(timeout: .now() + 10)
        }
        let client = try ClusterClient(endpoint: endpoint, timeout: 10)
        defer { client.close() }
        let id = try client.submit(JobBundle(kind: kind, spec: Data("{\"tasks\": \(tasks)}".utf8)))
        let deadline = Date().addingTimeInterval(30)
        var status = try client.status(job: id)
        while !status.state.isFinished {
            guard Date() < deadline else {
                XCTFail("job still \(status.state) after 30 s")
                break
            }
            usleep(20_000)
            status = try client.status(job: id)
        }
        let folder = cluster.resultsDirectory.appendingPathComponent(id)
        let files = FileManager.default.fileExists(atPath: folder.path) ? try ResultFolder.read(folder) : nil
        return Outcome(status: status, files: files)
    }
}

/// Tasks that finish faster the later they are (so results arrive out of order); the
/// fold writes the order in which it saw them.
struct OrderedBackend: TaskBackend {
    let kind = "ordered"
    func prepare(_ bundle: JobBundle) throws -> any PreparedJob { OrderedJob(taskCount: try taskCount(bundle)) }
}

/// The test specs are `{"tasks": N}`.
func taskCount(_ bundle: JobBundle) throws -> Int {
    try JSONDecoder().decode([String: Int].self, from: bundle.spec)["tasks"] ?? 0
}

struct OrderedJob: PreparedJob {
    let taskCount: Int
    func execute(task index: Int) throws -> Data {
        usleep(UInt32(max(0, taskCount - index)) * 300)
        return Data(String(index).utf8)
    }
    func makeFold() -> any ResultFold { OrderFold() }
    func manifest(run: RunRecord) -> OutputFile { OutputFile(name: "manifest.json", data: run.jsonData()) }
}

struct OrderFold: ResultFold {
    var seen: [String] = []
    mutating func fold(_ result: Data, task index: Int) throws {
        XCTAssertEqual(String(decoding: result, as: UTF8.self), String(index), "the fold got another task's result")
        seen.append(String(index))
    }
    func files() throws -> [OutputFile] { [OutputFile(name: "order.txt", data: Data(seen.joined(separator: ",").utf8))] }
}

/// A job whose fold refuses the result of task 3.
struct PoisonBackend: TaskBackend {
    let kind = "poison"
    func prepare(_ bundle: JobBundle) throws -> any PreparedJob { PoisonJob(taskCount: try taskCount(bundle)) }
}

struct PoisonJob: PreparedJob {
    let taskCount: Int
    func execute(task index: Int) throws -> Data { Data([UInt8(truncatingIfNeeded: index)]) }
    func makeFold() -> any ResultFold { PoisonFold() }
    func manifest(run: RunRecord) -> OutputFile { OutputFile(name: "manifest.json", data: run.jsonData()) }
}

struct PoisonFold: ResultFold {
    mutating func fold(_ result: Data, task index: Int) throws {
        if index == 3 { throw BackendError.taskFailed(index: index, message: "result 3 cannot be folded") }
    }
    func files() throws -> [OutputFile] { [] }
}
