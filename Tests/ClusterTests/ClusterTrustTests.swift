import ClusterProtocol
import Foundation
import TestSupport
import XCTest
import ZeroMQ
@testable import Cluster

/// The coordinator trusts only what it handed out (issue 15): results and failures from
/// peers that do not hold a task's lease change nothing, failing workers do not fail a job
/// healthy ones can finish, and cancelled or expired tasks are taken back from workers.
/// Real coordinator and worker processes; the misbehaving peers are raw sockets.
final class ClusterTrustTests: XCTestCase {
    func bundle(_ specPath: String, kind: String = "noop") throws -> JobBundle {
        JobBundle(kind: kind, spec: try Data(contentsOf: URL(fileURLWithPath: specPath)))
    }

    func testForgedResultsAndFailuresChangeNothing() throws {
        let h = try ClusterHarness()
        defer { h.stopAll() }
        try h.startCoordinator(transport: .tcp)
        let tasks = 120
        let spec = try h.noopSpec(tasks: tasks, sleepMilliseconds: 15)
        let job = try bundle(spec)
        let id = job.jobID

        // A registered worker that forges garbage results for every task it was not given
        // (and three failures for one), then computes its own tasks honestly.
        let forger = ScriptedWorker(endpoint: h.endpoint, name: "forger", credit: 1, behaviour: .computeAndForge(taskCount: tasks))
        forger.start()
        defer { forger.stop() }
        try h.waitFor("forger registered", timeout: 10) { (try? h.client().clusterStatus().workers.count) == 1 }
        XCTAssertEqual(try h.client().submit(job), id)
        try h.waitFor("the forger's first task", timeout: 10) { !forger.tasks.isEmpty }

        // A peer that never registered: forged results for every task, three failures of task 4.
        let context = try ZMQContext()
        let rogue = try context.socket(.dealer)
        defer { rogue.close() }
        try rogue.connect(h.endpoint)
        let all = Array(0..<tasks)
        _ = try rogue.send(
            WorkerMessage.results(job: id, indices: all, payloads: all.map { _ in [UInt8](repeating: 0xAB, count: 24) }).frames,
            dontWait: false)
        for attempt in 1...3 {
            _ = try rogue.send(
                WorkerMessage.failed(job: id, task: TaskAssignment(index: 4, attempt: attempt), error: "rogue failure").frames,
                dontWait: false)
        }
        let reply = try XCTUnwrap(try receiveFrames(rogue), "an unregistered peer is told to register")
        guard case .disconnect(let reason, _) = try WorkerMessage.decode(reply.dropFirst()) else { return XCTFail("expected DISCONNECT") }
        XCTAssertEqual(reason, .unknownWorker)

        try h.startWorker("honest")
        let final = try h.waitForJob(id, timeout: 60)
        XCTAssertEqual(final.state, .done, final.error ?? "")
        XCTAssertEqual(final.retries, 0, "no forged failure counted")
        XCTAssertEqual(try h.summary(of: id), try ClusterHarness.reference(specPath: spec), "outputs are a clean run's")
        let dropped = try h.client().clusterStatus().droppedMessages
        XCTAssertGreaterThanOrEqual(dropped["unregistered"] ?? 0, 4, "\(dropped)")
        XCTAssertGreaterThanOrEqual(dropped["not_leased"] ?? 0, tasks - 1 + 3, "\(dropped)")
        let log = h.log("coordinator")
        XCTAssertTrue(log.contains("dropped: result for a task not leased to this worker"), "logged")
        XCTAssertTrue(log.contains("worker=forger"), "the log names the worker")
        XCTAssertTrue(log.contains("dropped: message from an unregistered peer"), "logged")
    }

    func testWorkerFailingEveryTaskIsQuarantinedAndTheJobCompletes() throws {
        let h = try ClusterHarness()
        defer { h.stopAll() }
        let (bad, _) = try h.startWithFailingAndGoodWorker()
        defer { bad.stop() }
        let spec = try h.noopSpec(tasks: 80, sleepMilliseconds: 5)
        let id = try h.client().submit(try bundle(spec))
        let final = try h.waitForJob(id, timeout: 60)
        XCTAssertEqual(final.state, .done, final.error ?? "")
        XCTAssertGreaterThanOrEqual(final.retries, 1, "the bad worker failed tasks")
        XCTAssertEqual(final.quarantined, ["bad"])
        XCTAssertEqual(try h.summary(of: id), try ClusterHarness.reference(specPath: spec))
        XCTAssertTrue(h.log("coordinator").contains("worker quarantined for job"), "logged")
        // Every task it failed went to the good worker instead: none came back to it.
        var seen: [Int: Int] = [:]
        for task in bad.tasks { seen[task.index, default: 0] += 1 }
        XCTAssertEqual(seen.values.filter { $0 > 1 }.count, 0, "a failed task was sent back to the worker it failed on")
    }

    func testJobFailsOnlyAfterEveryWorkerFailedTheTaskAndNamesThem() throws {
        let h = try ClusterHarness()
        defer { h.stopAll() }
        try h.startCoordinator(transport: .ipc)
        let bad = ScriptedWorker(endpoint: h.endpoint, name: "scripted", credit: 1, behaviour: .failEverything("scripted failure"))
        bad.start()
        defer { bad.stop() }
        try h.startWorker("w1")
        try h.waitFor("2 workers", timeout: 20) { (try? h.client().clusterStatus().workers.count) == 2 }
        let spec = h.directory.appendingPathComponent("failing.json")
        try Data("{\"tasks\": 1, \"message\": \"the river froze\"}".utf8).write(to: spec)
        let id = try h.client().submit(try bundle(spec.path, kind: "failing"))
        let final = try h.waitForJob(id)
        XCTAssertEqual(final.state, .failed)
        XCTAssertEqual(final.retries, 3)
        let error = final.error ?? ""
        XCTAssertTrue(error.hasPrefix("task 0 failed after 3 attempts on 2 workers: "), error)
        XCTAssertTrue(error.contains("scripted: scripted failure (task 0)"), error)
        XCTAssertTrue(error.contains("w1") && error.contains("the river froze"), error)
    }

    func testCancelTakesTheJobsTasksBackFromWorkers() throws {
        let h = try ClusterHarness()
        defer { h.stopAll() }
        try h.startCoordinator(transport: .ipc)
        try h.startWorker("w1", threads: 1, credit: 16)
        let counts = h.directory.appendingPathComponent("executions.txt").path
        let spec = try h.noopSpec(tasks: 400, sleepMilliseconds: 100, countFile: counts)
        let client = try h.client()
        let id = try client.submit(try bundle(spec))
        try h.waitFor("progress and a full credit", timeout: 30) {
            guard let status = try? h.client().clusterStatus() else { return false }
            return (status.jobs.first?.tasksDone ?? 0) >= 3 && status.workers.first?.inFlight == 16
        }
        XCTAssertEqual(try client.cancel(job: id).state, .cancelled)
        let cancelledAt = MonotonicClock.now()
        // Without REVOKE the worker would hold its 16 tasks (1.6 s of work) until it answered them.
        try h.waitFor("the worker's in-flight count to reach 0", timeout: 1.0) {
            (try? h.client().clusterStatus().workers.first?.inFlight) == 0
        }
        XCTAssertLessThan(MonotonicClock.now() - cancelledAt, 1.0, "within a heartbeat")
        try h.waitFor("the worker to drop its queue", timeout: 5) { h.log("w1").contains("coordinator revoked tasks") }
        let executedAtRevoke = try String(contentsOfFile: counts, encoding: .utf8).split(separator: "\n").count
        usleep(800_000)  // the 15 queued tasks would take 1.5 s more
        let executedLater = try String(contentsOfFile: counts, encoding: .utf8).split(separator: "\n").count
        XCTAssertLessThanOrEqual(executedLater - executedAtRevoke, 1, "only the task running at the revoke may finish")
        // The worker is free for the next job at once.
        let next = try h.noopSpec(tasks: 20, name: "next.json")
        let nextID = try client.submit(try bundle(next))
        XCTAssertEqual(try h.waitForJob(nextID, timeout: 20).state, .done)
    }

    func testExpiredLeaseIsRevokedAndItsCreditReturned() throws {
        let h = try ClusterHarness()
        defer { h.stopAll() }
        try h.startCoordinator(transport: .ipc, extra: ["--lease-timeout", "1"])
        let holder = ScriptedWorker(endpoint: h.endpoint, name: "holder", credit: 2, behaviour: .holdEverything)
        holder.start()
        defer { holder.stop() }
        try h.waitFor("holder registered", timeout: 10) { (try? h.client().clusterStatus().workers.count) == 1 }
        let spec = try h.noopSpec(tasks: 6)
        let id = try h.client().submit(try bundle(spec))
        try h.waitFor("two leases expired and revoked", timeout: 10) { holder.revokes.flatMap(\.indices).count >= 2 }
        XCTAssertEqual(Set(holder.revokes.flatMap(\.indices)), Set(holder.tasks.prefix(2).map(\.index)))
        XCTAssertTrue(holder.revokes.allSatisfy { $0.job == id })
        // Credit returned: it is given the next tasks without answering the first ones.
        try h.waitFor("more tasks for the holder", timeout: 10) { holder.tasks.count >= 4 }
        try h.startWorker("finisher")
        XCTAssertEqual(try h.waitForJob(id, timeout: 30).state, .done)
        XCTAssertEqual(try h.summary(of: id), try ClusterHarness.reference(specPath: spec))
        XCTAssertGreaterThanOrEqual(try h.client().status(job: id).lost, 2)
    }

    func testOversizedSubmitIsAnsweredWithTheLimit() throws {
        let h = try ClusterHarness()
        defer { h.stopAll() }
        try h.startCoordinator(transport: .ipc, extra: ["--max-message-bytes", "65536"])
        let padding = String(repeating: " ", count: 100_000)
        let big = JobBundle(kind: "noop", spec: Data("{\"tasks\": 1\(padding)}".utf8))
        XCTAssertThrowsError(try h.client(timeout: 5).submit(big)) { error in
            guard case ClientError.refused(let code, let message) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(code, .tooLarge)
            XCTAssertTrue(message.contains("limit of 65536 bytes"), message)
        }
        let spec = h.directory.appendingPathComponent("big.json")
        try Data("{\"tasks\": 1\(padding)}".utf8).write(to: spec)
        let cli = try runTransborder(["submit", spec.path, "--kind", "noop", "--to", h.endpoint, "--timeout", "5"])
        XCTAssertEqual(cli.status, 1)
        XCTAssertTrue(cli.stderr.contains("request too large") && cli.stderr.contains("65536"), cli.stderr)
        XCTAssertEqual(try h.client().clusterStatus().droppedMessages["oversized"], 2)
    }

    func testSecondWorkerWithTheSameNameReplacesTheFirstWhichStops() throws {
        let h = try ClusterHarness()
        defer { h.stopAll() }
        try h.startCoordinator(transport: .ipc)
        let first = try h.startWorker("twin")
        try h.waitFor("the first twin", timeout: 10) { (try? h.client().clusterStatus().workers.map(\.name)) == ["twin"] }
        let second = ScriptedWorker(endpoint: h.endpoint, name: "twin", credit: 1, behaviour: .holdEverything)
        second.start()
        defer { second.stop() }
        XCTAssertEqual(try h.waitForExit(first, timeout: 10), 1, "a replaced worker stops")
        XCTAssertTrue(h.log("twin").contains("another connection registered as worker 'twin'"), h.log("twin"))
        XCTAssertTrue(h.log("coordinator").contains("worker name registered again from another connection"))
        XCTAssertEqual(try h.client().clusterStatus().workers.map(\.name), ["twin"], "one connection per name")
        XCTAssertEqual(second.disconnects, [])
    }
}
