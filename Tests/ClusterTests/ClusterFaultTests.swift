import ClusterProtocol
import Foundation
import JobStore
import TestSupport
import XCTest
import ZeroMQ
@testable import Cluster

/// Real signals: kill -9 of workers and of the coordinator, SIGTERM drains.
final class ClusterFaultTests: XCTestCase {
    func testKilledWorkerMidJobStillGivesIdenticalBytes() throws {
        let h = try ClusterHarness()
        defer { h.stopAll() }
        try h.startCoordinator(transport: .tcp)
        let victim = try h.startWorker("victim")
        try h.startWorker("w2")
        try h.startWorker("w3")
        try h.waitFor("3 workers", timeout: 20) { (try? h.client().clusterStatus().workers.count) == 3 }
        let spec = try h.noopSpec(tasks: 300, sleepMilliseconds: 10)
        let id = try h.client().submit(JobBundle(kind: "noop", spec: try Data(contentsOf: URL(fileURLWithPath: spec))))
        try h.waitFor("progress", timeout: 20) { ((try? h.client().status(job: id))?.tasksDone ?? 0) >= 30 }
        kill(victim.processIdentifier, SIGKILL)
        let final = try h.waitForJob(id)
        XCTAssertEqual(final.state, .done)
        XCTAssertGreaterThanOrEqual(final.lost, 1, "the killed worker's tasks were re-queued")
        XCTAssertEqual(final.retries, 0, "a lost worker does not burn the tasks' failure budget")
        XCTAssertEqual(try h.summary(of: id), try ClusterHarness.reference(specPath: spec))
        XCTAssertTrue(h.log("coordinator").contains("worker lost"), "coordinator logged the loss")
    }

    func testKilledCoordinatorResumesWithoutRecomputingFinishedTasks() throws {
        let h = try ClusterHarness()
        defer { h.stopAll() }
        let coordinator = try h.startCoordinator(transport: .ipc)
        try h.startWorker("w1")
        try h.startWorker("w2")
        let counts = h.directory.appendingPathComponent("executions.txt").path
        let spec = try h.noopSpec(tasks: 400, sleepMilliseconds: 5, countFile: counts)
        let bundle = JobBundle(kind: "noop", spec: try Data(contentsOf: URL(fileURLWithPath: spec)))
        let id = try h.client().submit(bundle)
        try h.waitFor("progress", timeout: 30) { ((try? h.client().status(job: id))?.tasksDone ?? 0) >= 100 }
        kill(coordinator.processIdentifier, SIGKILL)
        _ = try h.waitForExit(coordinator, timeout: 10)

        // What the store had committed when the coordinator died.
        var committed: [Int] = []
        do {
            let store = try JobStore(path: h.storePath, readOnly: true)
            let job = try XCTUnwrap(try store.job(id: id))
            try store.forEachResultIndex(job: job.serial) { committed.append($0) }
        }
        XCTAssertGreaterThanOrEqual(committed.count, 100)
        XCTAssertLessThan(committed.count, 400, "killed mid-job")

        try h.startCoordinator(transport: .ipc, label: "coordinator2")
        let final = try h.waitForJob(id)
        XCTAssertEqual(final.state, .done)
        XCTAssertEqual(final.tasksDone, 400)

        // Read the execution log before the in-process reference below appends to it.
        let executions = try String(contentsOfFile: counts, encoding: .utf8).split(separator: "\n").compactMap { Int($0) }
        var perTask: [Int: Int] = [:]
        for index in executions { perTask[index, default: 0] += 1 }
        XCTAssertEqual(Set(perTask.keys), Set(0..<400))
        let recomputed = committed.filter { perTask[$0] != 1 }
        XCTAssertEqual(recomputed, [], "tasks committed before the crash were computed again")
        XCTAssertTrue(h.log("coordinator2").contains("job resumed"), h.log("coordinator2"))
        XCTAssertEqual(try h.summary(of: id), try ClusterHarness.reference(specPath: spec))
    }

    func testSIGTERMDrainsWorkerAndCoordinator() throws {
        let h = try ClusterHarness()
        defer { h.stopAll() }
        let coordinator = try h.startCoordinator(transport: .ipc)
        let leaving = try h.startWorker("leaving", credit: 8)
        let spec = try h.noopSpec(tasks: 150, sleepMilliseconds: 20)
        let id = try h.client().submit(JobBundle(kind: "noop", spec: try Data(contentsOf: URL(fileURLWithPath: spec))))
        try h.waitFor("progress", timeout: 20) { ((try? h.client().status(job: id))?.tasksDone ?? 0) >= 10 }

        kill(leaving.processIdentifier, SIGTERM)
        XCTAssertEqual(try h.waitForExit(leaving, timeout: 30), 0, h.log("leaving"))
        // The worker exits once its DISCONNECT is handed to the kernel; the coordinator logs
        // it when its loop reads it, possibly a moment after the worker is gone.
        try h.waitFor("the worker's DISCONNECT", timeout: 5) { h.log("coordinator").contains("worker left") }

        kill(coordinator.processIdentifier, SIGTERM)
        XCTAssertEqual(try h.waitForExit(coordinator, timeout: 30), 0, h.log("coordinator"))
        XCTAssertTrue(h.log("coordinator").contains("coordinator stopped"))

        try h.startCoordinator(transport: .ipc, label: "coordinator2")
        try h.startWorker("finisher", credit: 8)
        XCTAssertEqual(try h.waitForJob(id).state, .done)
        XCTAssertEqual(try h.summary(of: id), try ClusterHarness.reference(specPath: spec))
    }
}
