import ClusterProtocol
import Foundation
import TestSupport
import XCTest
@testable import Cluster

/// Whole jobs through real coordinator and worker processes.
final class ClusterRunTests: XCTestCase {
    func testThreeWorkersOverTCPCompleteAJobWithCLIClients() throws {
        let h = try ClusterHarness()
        defer { h.stopAll() }
        try h.startCoordinator(transport: .tcp)
        XCTAssertTrue(h.endpoint.hasPrefix("tcp://127.0.0.1:"))
        for i in 1...3 { try h.startWorker("w\(i)") }
        try h.waitFor("3 workers", timeout: 20) { (try? h.client().clusterStatus().workers.count) == 3 }
        let spec = try h.noopSpec(tasks: 300, sleepMilliseconds: 3)

        let submitted = try runTransborder(["submit", spec, "--kind", "noop", "--to", h.endpoint])
        XCTAssertEqual(submitted.status, 0, submitted.stderr)
        let id = submitted.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertEqual(id.count, 16, "submit prints only the job id: \(submitted.stdout)")

        let final = try h.waitForJob(id)
        XCTAssertEqual(final.state, .done)
        XCTAssertEqual(final.tasksDone, 300)

        let status = try runTransborder(["status", id, "--to", h.endpoint, "--format", "json"])
        XCTAssertEqual(status.status, 0, status.stderr)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(json["job"] as? String, id)
        XCTAssertEqual(json["state"] as? String, "done")
        XCTAssertEqual(json["tasks_done"] as? Int, 300)
        XCTAssertEqual(json["tasks_total"] as? Int, 300)

        let out = h.directory.appendingPathComponent("fetched")
        let fetched = try runTransborder(["fetch", id, "--to", h.endpoint, "--out", out.path])
        XCTAssertEqual(fetched.status, 0, fetched.stderr)
        XCTAssertEqual(try Data(contentsOf: out.appendingPathComponent("noop-summary.json")), try ClusterHarness.reference(specPath: spec))
        let manifest = try XCTUnwrap(
            JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("manifest.json"))) as? [String: Any])
        XCTAssertEqual(manifest["workers"] as? Int, 3, "every worker computed tasks")

        // Submitting the same job again names the same job.
        let again = try runTransborder([
            "submit", spec, "--kind", "noop", "--to", h.endpoint, "--wait", "--out", h.directory.appendingPathComponent("again").path,
        ])
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertEqual(again.stdout.trimmingCharacters(in: .whitespacesAndNewlines), id)
    }

    func testOutputsAreIdenticalForAnyWorkerCount() throws {
        let h = try ClusterHarness()
        defer { h.stopAll() }
        let spec = try h.noopSpec(tasks: 120)
        var outputs: [Int: Data] = [:]
        for workers in [0, 1, 2, 4, 8] {
            let out = h.directory.appendingPathComponent("out-\(workers)")
            let run = try runTransborder([
                "run", spec, "--kind", "noop", "--workers", "\(workers)", "--out", out.path, "--log-level", "warning",
            ])
            XCTAssertEqual(run.status, 0, "workers \(workers): \(run.stderr)")
            outputs[workers] = try Data(contentsOf: out.appendingPathComponent("noop-summary.json"))
            XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent("manifest.json").path))
        }
        let reference = try ClusterHarness.reference(specPath: spec)
        for (workers, data) in outputs { XCTAssertEqual(data, reference, "workers \(workers)") }
    }

    func testLateJoiningWorkerGetsWork() throws {
        let h = try ClusterHarness()
        defer { h.stopAll() }
        try h.startCoordinator(transport: .ipc)
        try h.startWorker("early")
        let spec = try h.noopSpec(tasks: 200, sleepMilliseconds: 15)
        let client = try h.client()
        let id = try client.submit(JobBundle(kind: "noop", spec: try Data(contentsOf: URL(fileURLWithPath: spec))))
        try h.waitFor("some progress", timeout: 20) { ((try? h.client().status(job: id))?.tasksDone ?? 0) >= 20 }
        try h.startWorker("late")
        try h.waitFor("late worker to compute", timeout: 30) {
            let workers = (try? h.client().clusterStatus().workers) ?? []
            return workers.contains { $0.name == "late" && $0.tasksDone > 0 }
        }
        XCTAssertEqual(try h.waitForJob(id).state, .done)
        XCTAssertEqual(try h.summary(of: id), try ClusterHarness.reference(specPath: spec))
    }

    func testAlwaysThrowingTaskFailsTheJobAfterThreeAttempts() throws {
        let h = try ClusterHarness()
        defer { h.stopAll() }
        try h.startCoordinator(transport: .ipc)
        try h.startWorker("w1")
        let spec = h.directory.appendingPathComponent("failing.json")
        try Data("{\"tasks\": 1, \"message\": \"the river froze\"}".utf8).write(to: spec)
        let submitted = try runTransborder([
            "submit", spec.path, "--kind", "failing", "--to", h.endpoint, "--wait", "--out", h.directory.appendingPathComponent("o").path,
        ])
        XCTAssertEqual(submitted.status, 1)
        XCTAssertTrue(submitted.stderr.contains("failed after 3 attempts"), submitted.stderr)
        XCTAssertTrue(submitted.stderr.contains("the river froze"), submitted.stderr)
        let id = try JobBundle(kind: "failing", spec: Data(contentsOf: spec)).jobID
        let status = try h.client().status(job: id)
        XCTAssertEqual(status.state, .failed)
        XCTAssertEqual(status.retries, 3, "three failed attempts of the one task")
        let fetch = try runTransborder(["fetch", id, "--to", h.endpoint, "--out", h.directory.appendingPathComponent("f").path])
        XCTAssertEqual(fetch.status, 1)
        XCTAssertTrue(fetch.stderr.contains("the river froze"), fetch.stderr)
    }
}
