import ClusterProtocol
import ClusterSupport
import Foundation
import JobStore
import XCTest
@testable import Cluster

/// The coordinator's bookkeeping as values: the worker registry and the job table.
final class CoordinatorStateTests: XCTestCase {
    func session(_ byte: UInt8, _ name: String) -> WorkerSession {
        WorkerSession(peer: PeerID([byte]), name: name, threads: 1, credit: 4, lastHeard: 0, lastSent: 0)
    }

    func testRegistryKeepsOrderNamesAndInPlaceChanges() {
        var registry = WorkerRegistry()
        registry.add(session(1, "a"))
        registry.add(session(2, "b"))
        registry.add(session(3, "c"))
        XCTAssertEqual(registry.names, ["a", "b", "c"])
        XCTAssertEqual(registry.peer(named: "b"), PeerID([2]))
        XCTAssertNil(registry.peer(named: "z"))
        registry[PeerID([2])]?.inFlight.insert(TaskKey(serial: 1, index: 5))
        XCTAssertEqual(registry[PeerID([2])]?.freeCredit, 3)
        XCTAssertEqual(registry.remove(PeerID([1]))?.name, "a")
        XCTAssertNil(registry.remove(PeerID([1])))
        XCTAssertEqual(registry.order, [PeerID([2]), PeerID([3])])
        XCTAssertEqual(registry.count, 2)

        // Checked out for dispatch: it keeps its place; checking in a removed peer does nothing.
        var taken = registry.checkOut(PeerID([2]))
        XCTAssertFalse(registry.contains(PeerID([2])))
        XCTAssertEqual(registry.order, [PeerID([2]), PeerID([3])])
        taken?.inFlight.insert(TaskKey(serial: 1, index: 6))
        if let taken { registry.checkIn(taken) }
        XCTAssertEqual(registry[PeerID([2])]?.inFlight.count, 2)
        registry.remove(PeerID([3]))
        registry.checkIn(session(3, "c"))
        XCTAssertFalse(registry.contains(PeerID([3])), "a released worker does not come back through checkIn")
        XCTAssertEqual(registry.all.map(\.name), ["b"])

        // Released while checked out (a failed send during dispatch): it stays released.
        let out = registry.checkOut(PeerID([2]))
        registry.remove(PeerID([2]))
        if let out { registry.checkIn(out) }
        XCTAssertTrue(registry.isEmpty)
        XCTAssertNil(registry[PeerID([2])])
    }

    func record(_ serial: Int, _ id: String, tasks: Int = 4) -> JobRecord {
        JobRecord(
            serial: serial, id: id, kind: "noop", bundleHash: String(repeating: String(id.prefix(1)), count: 64), taskCount: tasks,
            state: .queued, error: nil, submittedAt: Double(serial), finishedAt: nil, retries: 0, lost: 0, name: "n\(serial)")
    }

    func job(_ serial: Int, _ id: String) throws -> ActiveJob {
        let prepared = try NoopBackend().prepare(JobBundle(kind: "noop", spec: Data("{\"tasks\": 4}".utf8)))
        return ActiveJob(record: record(serial, id), prepared: prepared, failures: [:])
    }

    func testJobTableLooksUpBySerialAndHashAndReleasesFinishedJobs() throws {
        var table = JobTable()
        let a = try job(1, "aaaaaaaaaaaaaaaa")
        let b = try job(2, "bbbbbbbbbbbbbbbb")
        table.activate(a)
        table.activate(b)
        XCTAssertEqual(table.activeOrder, [a.id, b.id])
        XCTAssertTrue(table.job(serial: 2) === b)
        XCTAssertTrue(table.job(bundleHash: a.bundleHash) === a)
        XCTAssertNil(table.job(serial: 3))

        table.finish(a.id)
        XCTAssertNil(table[a.id])
        XCTAssertNil(table.job(serial: 1))
        XCTAssertNil(table.job(bundleHash: a.bundleHash))
        XCTAssertEqual(table.activeJobs.map(\.id), [b.id])
        XCTAssertTrue(table.counts == (1, 1, 1, 1), "\(table.counts)")

        // Submitted again: active once more, last in dispatch order.
        let again = try job(1, "aaaaaaaaaaaaaaaa")
        table.activate(again)
        XCTAssertEqual(table.activeOrder, [b.id, a.id])
        XCTAssertTrue(table.job(serial: 1) === again)

        // Every job ended: nothing of them stays in memory (finished jobs live in the store).
        table.finish(b.id)
        table.finish(a.id)
        table.finish(a.id)
        XCTAssertTrue(table.counts == (0, 0, 0, 0), "\(table.counts)")
        XCTAssertFalse(table.hasActive)
        var weakJob: ActiveJob? = try job(3, "cccccccccccccccc")
        weak let released = weakJob
        if let held = weakJob { table.activate(held) }
        table.finish("cccccccccccccccc")
        weakJob = nil
        XCTAssertNil(released, "the table keeps no reference to a finished job")
    }

    func testFailuresCountDistinctWorkersAndAreRefutedByACompletion() throws {
        let j = try job(1, "aaaaaaaaaaaaaaaa")
        XCTAssertEqual(j.recordFailure(3, worker: "bad", message: "disk full"), 1)
        XCTAssertEqual(j.recordFailure(3, worker: "bad", message: "disk still full"), 1, "same worker: still one")
        XCTAssertEqual(j.recordFailure(3, worker: "flaky", message: "oom"), 2)
        XCTAssertEqual(
            j.failedOn[3],
            [
                TaskFailure(worker: "bad", message: "disk still full", count: 2),
                TaskFailure(worker: "flaky", message: "oom", count: 1),
            ])
        XCTAssertEqual(j.workersFailed(3), ["bad", "flaky"])
        // Completed by "flaky": only "bad"'s failure was its own.
        XCTAssertEqual(j.completed(3, by: "flaky"), ["bad"])
        XCTAssertEqual(j.refutedFailures, ["bad": 1])
        XCTAssertNil(j.failedOn[3])
        XCTAssertEqual(j.completed(4, by: "good"), [], "a task that never failed refutes nothing")
    }
}
