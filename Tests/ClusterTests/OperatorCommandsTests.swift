import ClusterProtocol
import Foundation
import JobStore
import TestSupport
import XCTest
@testable import Cluster

/// What an operator of a shared cluster types: `status` tables, jobs by name, honest
/// `submit`/`cancel` messages, TRANSBORDER_COORDINATOR, `forget` and `prune`. Real processes.
final class OperatorCommandsTests: XCTestCase {
    func noop(_ h: ClusterHarness, _ name: String, tasks: Int, sleep: Int = 0) throws -> String {
        let url = h.directory.appendingPathComponent("\(name).json")
        try Data("{\"tasks\": \(tasks), \"payload_bytes\": 24, \"sleep_ms\": \(sleep)}".utf8).write(to: url)
        return url.path
    }

    func testStatusNamesTimesAndReferences() throws {
        let h = try ClusterHarness()
        defer { h.stopAll() }
        try h.startCoordinator(transport: .ipc)
        try h.startWorker("w1")
        let first = try runTransborder(["submit", try noop(h, "alpha", tasks: 10), "--kind", "noop", "--to", h.endpoint])
        XCTAssertEqual(first.status, 0, first.stderr)
        let alpha = first.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let second = try runTransborder([
            "submit", try noop(h, "beta", tasks: 12), "--kind", "noop", "--to", h.endpoint, "--name", "alpine",
        ])
        let alpine = second.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertEqual(try h.waitForJob(alpha).state, .done)
        XCTAssertEqual(try h.waitForJob(alpine).state, .done)

        let table = try runTransborder(["status", "--to", h.endpoint])
        XCTAssertEqual(table.status, 0, table.stderr)
        let lines = table.stdout.split(separator: "\n").map(String.init)
        let header = try XCTUnwrap(lines.first { $0.contains("ID") && $0.contains("NAME") })
        for column in ["STATE", "PROGRESS", "SUBMITTED (UTC)", "FINISHED (UTC)", "DURATION"] {
            XCTAssertTrue(header.contains(column), header)
        }
        let row = try XCTUnwrap(lines.first { $0.contains(alpha) }, table.stdout)
        XCTAssertTrue(row.contains("alpha") && row.contains("done") && row.contains("10/10"), row)
        let iso = try NSRegularExpression(pattern: "20[0-9]{2}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z")
        XCTAssertEqual(iso.numberOfMatches(in: row, range: NSRange(row.startIndex..., in: row)), 2, "submitted and finished: \(row)")

        // By name, by prefix; ambiguity and unknown jobs are input errors (exit 2).
        let byName = try runTransborder(["status", "alpine", "--to", h.endpoint, "--format", "json"])
        XCTAssertEqual(byName.status, 0, byName.stderr)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(byName.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(json["job"] as? String, alpine)
        XCTAssertEqual(json["name"] as? String, "alpine")
        XCTAssertNotNil((json["submitted_at"] as? String).flatMap(UTCTimestamp.seconds), "\(json)")
        XCTAssertNotNil((json["finished_at"] as? String).flatMap(UTCTimestamp.seconds), "\(json)")
        XCTAssertNotNil(json["duration_seconds"] as? Double)
        let ambiguous = try runTransborder(["status", "al", "--to", h.endpoint])
        XCTAssertEqual(ambiguous.status, 2)
        XCTAssertTrue(
            ambiguous.stderr.contains("matches 2 jobs") && ambiguous.stderr.contains(alpha) && ambiguous.stderr.contains(alpine),
            ambiguous.stderr)
        let unknown = try runTransborder(["status", "nosuchjob", "--to", h.endpoint])
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.stderr.contains("no job with id or name 'nosuchjob'"), unknown.stderr)
        let unknownID = try runTransborder([
            "fetch", "0000000000000000", "--to", h.endpoint, "--out", h.directory.appendingPathComponent("x").path,
        ])
        XCTAssertEqual(unknownID.status, 2, unknownID.stderr)

        // Submitting a finished job again reuses its results and says so.
        let again = try runTransborder(["submit", try noop(h, "alpha", tasks: 10), "--kind", "noop", "--to", h.endpoint])
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertEqual(again.stdout.trimmingCharacters(in: .whitespacesAndNewlines), alpha)
        XCTAssertTrue(again.stderr.contains("already done — results reused"), again.stderr)

        // Cancel: a finished job is left alone (exit 0), an unknown one exits 2.
        let cancelDone = try runTransborder(["cancel", "alpha", "--to", h.endpoint])
        XCTAssertEqual(cancelDone.status, 0, cancelDone.stderr)
        XCTAssertTrue(cancelDone.stdout.contains("job \(alpha) is already done; nothing to cancel"), cancelDone.stdout)
        XCTAssertEqual(try runTransborder(["cancel", "0123456789abcdef", "--to", h.endpoint]).status, 2)
    }

    func testCoordinatorFromTheEnvironmentAndWaitingWithoutWorkers() throws {
        let h = try ClusterHarness()
        defer { h.stopAll() }
        try h.startCoordinator(transport: .ipc)
        let noEndpoint = try runTransborder(["status"])
        XCTAssertEqual(noEndpoint.status, 2)
        XCTAssertTrue(noEndpoint.stderr.contains("TRANSBORDER_COORDINATOR"), noEndpoint.stderr)

        let spec = try noop(h, "patient", tasks: 5)
        let out = h.directory.appendingPathComponent("patient-out").path
        let submit = try h.spawn(
            "submit", ["submit", spec, "--kind", "noop", "--wait", "--out", out],
            environment: ["TRANSBORDER_COORDINATOR": h.endpoint])
        try h.waitFor("the no-worker notice", timeout: 20) { h.log("submit").contains("no workers connected") }
        try h.startWorker("w1")
        XCTAssertEqual(try h.waitForExit(submit, timeout: 30), 0, h.log("submit"))
        XCTAssertTrue(h.log("submit").contains("1 worker connected"), h.log("submit"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: out + "/noop-summary.json"))
    }

    func testForgetAndPruneRemoveFinishedJobsOnly() throws {
        let h = try ClusterHarness()
        defer { h.stopAll() }
        try h.startCoordinator(transport: .ipc)
        try h.startWorker("w1")
        let client = try h.client()
        let big = JobBundle(kind: "noop", spec: Data("{\"tasks\": 300, \"payload_bytes\": 65536}".utf8))
        let small = JobBundle(kind: "noop", spec: Data("{\"tasks\": 3}".utf8))
        let bigID = try client.submit(big, name: "big")
        let smallID = try client.submit(small, name: "small")
        XCTAssertEqual(try h.waitForJob(bigID).state, .done)
        XCTAssertEqual(try h.waitForJob(smallID).state, .done)
        let results = URL(fileURLWithPath: h.resultsPath)
        XCTAssertTrue(FileManager.default.fileExists(atPath: results.appendingPathComponent(bigID).path))
        let running = try client.submit(JobBundle(kind: "noop", spec: Data("{\"tasks\": 1000, \"sleep_ms\": 50}".utf8)), name: "slow")

        let refused = try runTransborder(["forget", "slow", "--to", h.endpoint])
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("job still active") && refused.stderr.contains("cancel it first"), refused.stderr)

        let forgot = try runTransborder(["forget", "big", "--to", h.endpoint])
        XCTAssertEqual(forgot.status, 0, forgot.stderr)
        XCTAssertEqual(forgot.stdout, "forgot job \(bigID)\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: results.appendingPathComponent(bigID).path), "result folder removed")
        XCTAssertThrowsError(try client.status(job: bigID)) { error in
            guard case ClientError.refused(.unknownJob, _) = error else { return XCTFail("\(error)") }
        }
        // 300 × 64 KiB of results were freed by VACUUM.
        let store = try JobStore(path: h.storePath, readOnly: true)
        XCTAssertNil(try store.job(id: bigID))
        let size = (try FileManager.default.attributesOfItem(atPath: h.storePath)[.size] as? Int) ?? 0
        XCTAssertLessThan(size, 300 * 65_536 / 2, "store file after VACUUM: \(size) bytes")

        XCTAssertEqual(try runTransborder(["prune", "--older-than", "soon", "--to", h.endpoint]).status, 2)
        let pruned = try runTransborder(["prune", "--older-than", "0s", "--to", h.endpoint])
        XCTAssertEqual(pruned.status, 0, pruned.stderr)
        XCTAssertEqual(pruned.stdout, "forgot job \(smallID)\n", "the running job stays")
        XCTAssertEqual(try client.status(job: running).state, .running)
        let kept = try runTransborder(["prune", "--older-than", "30d", "--to", h.endpoint])
        XCTAssertEqual(kept.stdout, "")
        XCTAssertTrue(kept.stderr.contains("removed 0 jobs"), kept.stderr)
    }
}
