import ClusterProtocol
import Foundation
import TestSupport
import XCTest
@testable import Cluster

/// Fair share with real coordinator and worker processes: a small job submitted behind a
/// large one finishes while the large one still runs under `--schedule fair` (and after
/// it under `fifo`, the comparison); priorities weigh the share; outputs are unchanged.
final class FairShareClusterTests: XCTestCase {
    /// Runs a 600-task job (10 ms per task, 2 workers of credit 2), submits a 10-task job
    /// once the large one holds every slot, and returns the large job's status at the
    /// moment the small one is seen done, with both jobs' ids and spec paths.
    func smallBehindLarge(schedule: String) throws -> (largeWhenSmallDone: JobStatus, small: JobStatus, h: ClusterHarness) {
        let h = try ClusterHarness()
        try h.startCoordinator(transport: .ipc, extra: ["--schedule", schedule])
        try h.startWorker("w1", credit: 2)
        try h.startWorker("w2", credit: 2)
        try h.waitFor("2 workers", timeout: 20) { (try? h.client().clusterStatus().workers.count) == 2 }
        let largeSpec = try h.noopSpec(tasks: 600, sleepMilliseconds: 10, name: "large.json")
        let smallSpec = try h.noopSpec(tasks: 10, sleepMilliseconds: 10, name: "small.json")
        let client = try h.client()
        let large = try client.submit(JobBundle(kind: "noop", spec: try Data(contentsOf: URL(fileURLWithPath: largeSpec))), name: "large")
        try h.waitFor("the large job to hold every slot", timeout: 20) { (try client.status(job: large)).tasksDone >= 8 }
        let small = try client.submit(JobBundle(kind: "noop", spec: try Data(contentsOf: URL(fileURLWithPath: smallSpec))), name: "small")
        var largeThen: JobStatus?
        var smallFinal: JobStatus?
        try h.waitFor("the small job", timeout: 60) {
            let status = try client.status(job: small)
            guard status.state.isFinished else { return false }
            largeThen = try client.status(job: large)
            smallFinal = status
            return true
        }
        XCTAssertEqual(try h.waitForJob(large, timeout: 60).state, .done)
        // Outputs depend on the job alone, not on how the workers were shared.
        XCTAssertEqual(try h.summary(of: large), try ClusterHarness.reference(specPath: largeSpec))
        XCTAssertEqual(try h.summary(of: small), try ClusterHarness.reference(specPath: smallSpec))
        return (try XCTUnwrap(largeThen), try XCTUnwrap(smallFinal), h)
    }

    func testSmallJobBehindALargeOneFinishesFirstUnderFairShare() throws {
        let (large, small, h) = try smallBehindLarge(schedule: "fair")
        defer { h.stopAll() }
        XCTAssertEqual(small.state, .done)
        XCTAssertEqual(large.state, .running, "the large job still runs when the small one is done")
        XCTAssertLessThan(large.tasksDone, 400, "the small job did not wait for most of the large one: \(large.tasksDone)/600")
    }

    func testUnderFIFOTheSmallJobWaitsForTheLargeOne() throws {
        let (large, small, h) = try smallBehindLarge(schedule: "fifo")
        defer { h.stopAll() }
        XCTAssertEqual(small.state, .done)
        // FIFO hands the small job slots only once the large one has no task waiting.
        XCTAssertGreaterThanOrEqual(large.tasksDone, 600 - 4, "FIFO: the large job had dispatched everything first")
    }

    func testPriorityWeighsTheShareAndIsReported() throws {
        let h = try ClusterHarness()
        defer { h.stopAll() }
        try h.startCoordinator(transport: .ipc)
        let normalSpec = try h.noopSpec(tasks: 400, sleepMilliseconds: 10, name: "normal.json")
        let urgentSpec = try h.noopSpec(tasks: 401, sleepMilliseconds: 10, name: "urgent.json")
        let submitNormal = try runTransborder(["submit", normalSpec, "--kind", "noop", "--to", h.endpoint, "--name", "normal"])
        XCTAssertEqual(submitNormal.status, 0, submitNormal.stderr)
        let submitUrgent = try runTransborder([
            "submit", urgentSpec, "--kind", "noop", "--to", h.endpoint, "--name", "urgent", "--priority", "3",
        ])
        XCTAssertEqual(submitUrgent.status, 0, submitUrgent.stderr)
        let normal = submitNormal.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let urgent = submitUrgent.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let client = try h.client()
        XCTAssertEqual(try client.status(job: urgent).priority, 3)
        XCTAssertEqual(try client.status(job: normal).priority, 1)
        // Workers join once both jobs wait, so that they compete from the first task.
        try h.startWorker("w1", credit: 4)
        try h.startWorker("w2", credit: 4)
        // Both compete for 8 slots: priority 3 holds 6, priority 1 holds 2.
        try h.waitFor("progress of both", timeout: 30) {
            (try client.status(job: urgent).tasksDone) + (try client.status(job: normal).tasksDone) >= 200
        }
        let urgentDone = try client.status(job: urgent).tasksDone
        let normalDone = try client.status(job: normal).tasksDone
        XCTAssertGreaterThan(urgentDone, 2 * normalDone, "priority 3 vs 1: \(urgentDone) vs \(normalDone) tasks done")
        XCTAssertGreaterThan(normalDone, 0, "priority 1 is not starved")
        // Submitting the running job again with --priority re-weights it; its id stays.
        let bumped = try runTransborder(["submit", normalSpec, "--kind", "noop", "--to", h.endpoint, "--priority", "5"])
        XCTAssertEqual(bumped.status, 0, bumped.stderr)
        XCTAssertEqual(bumped.stdout.trimmingCharacters(in: .whitespacesAndNewlines), normal)
        XCTAssertTrue(bumped.stderr.contains("already queued or running"), bumped.stderr)
        XCTAssertEqual(try client.status(job: normal).priority, 5)
        XCTAssertEqual(try h.waitForJob(urgent, timeout: 60).state, .done)
        XCTAssertEqual(try h.waitForJob(normal, timeout: 60).state, .done)
        XCTAssertEqual(try h.summary(of: urgent), try ClusterHarness.reference(specPath: urgentSpec))
        XCTAssertEqual(try client.status(job: urgent).priority, 3, "kept in the store with the finished job")
        let bad = try runTransborder(["submit", normalSpec, "--kind", "noop", "--to", h.endpoint, "--priority", "0"])
        XCTAssertEqual(bad.status, 2, bad.stderr)
        XCTAssertTrue(bad.stderr.contains("--priority must be 1…255"), bad.stderr)
    }
}
