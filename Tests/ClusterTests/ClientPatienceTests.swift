import ClusterProtocol
import Foundation
import Synchronization
import ConcurrencyTools
import TestSupport
import XCTest
import ZeroMQ
@testable import Cluster

/// Clients that know when they are alone: with the coordinator gone, `submit --wait`,
/// `status`, `fetch`, `cancel`, `forget` and `prune` say so every 10 s and give up at
/// `--wait-timeout` with exit status 75; `submit --wait` keeps trying by default and
/// finishes once a coordinator is back; a retried request whose first reply was lost
/// reports what the lost attempt did. Real processes killed with real signals, and real
/// sockets that never answer or answer as scripted.
final class ClientPatienceTests: XCTestCase {
    /// A ROUTER that reads and never answers: the client retries on fresh sockets, gives
    /// notices at each multiple of `noticeEvery` and gives up at `giveUpAfter`.
    func testAClientGivesUpOnASilentCoordinatorAtItsDeadline() throws {
        let directory = try Fixtures.temporaryDirectory("patience")
        defer { try? FileManager.default.removeItem(at: directory) }
        let endpoint = "ipc://\(directory.path)/silent.sock"
        // The silent coordinator: a ROUTER on its own thread that reads and never answers.
        let silent = try ScriptedCoordinator(endpoint: endpoint) { _, _ in nil }
        defer { silent.stop() }
        let client = try ClusterClient(endpoint: endpoint, timeout: 10)
        let notices = Mutex<[Int]>([])
        client.patience = ClientPatience(giveUpAfter: 2.5, noticeEvery: 1) { seconds in notices.withLock { $0.append(seconds) } }
        let start = MonotonicClock.now()
        XCTAssertThrowsError(try client.persistently { try client.clusterStatus() }) { error in
            guard case ClientError.notAnswering(let where_, let seconds) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(where_, endpoint)
            XCTAssertGreaterThanOrEqual(seconds, 2.49, "never before its deadline (10 ms of slack)")
        }
        // Bounds, not a tolerance (no timed assertions): not before the deadline, and before
        // the 10 s reply timeout it would have waited for without patience.
        let elapsed = MonotonicClock.now() - start
        XCTAssertGreaterThanOrEqual(elapsed, 2.49, "not before its deadline")
        XCTAssertLessThan(elapsed, 10, "gave up at its deadline, not at the 10 s reply timeout")
        XCTAssertEqual(notices.withLock { $0 }, [1, 2], "one notice per second of silence before giving up")
        XCTAssertEqual(silent.requests.count, 3, "the request was sent again on each fresh socket (at 0, 1 and 2 s)")
    }

    /// `cancel`, `forget` and `prune` on an address nobody listens on: each retries until
    /// its `--wait-timeout` and exits 75, naming the endpoint.
    func testCancelForgetAndPruneGiveUpWhenNobodyListens() throws {
        let directory = try Fixtures.temporaryDirectory("nobody")
        defer { try? FileManager.default.removeItem(at: directory) }
        let endpoint = "ipc://\(directory.path)/nobody.sock"
        for arguments in [["cancel", "somejob"], ["forget", "0123456789abcdef"], ["prune", "--older-than", "30d"]] {
            let result = try runTransborder(arguments + ["--to", endpoint, "--wait-timeout", "1s"])
            XCTAssertEqual(result.status, 75, "\(arguments): \(result.stderr)")
            XCTAssertTrue(
                result.stderr.contains("\(arguments[0]): coordinator at \(endpoint) not answering for 1 s; giving up (--wait-timeout)"),
                "\(arguments): \(result.stderr)")
            XCTAssertEqual(result.stdout, "", "\(arguments)")
        }
    }

    /// A coordinator that carried out a request but whose reply was lost: the retry must not
    /// turn the success into an error (FORGET), hide it (CANCEL), or pass off a partial list
    /// as the whole (PRUNE). The coordinator is played by a real ROUTER that drops its
    /// first reply to the request and answers the retry as the real one would.
    func testRetriedCancelForgetAndPruneReportTheLostAttemptsEffect() throws {
        let directory = try Fixtures.temporaryDirectory("lost-reply")
        defer { try? FileManager.default.removeItem(at: directory) }
        let id = "0123456789abcdef"
        @Sendable func status(_ state: ReportedJobState) -> ClientMessage {
            let job = JobStatus(
                job: id, name: "lost", kind: "noop", state: state, tasksDone: 1, tasksTotal: 4, tasksInFlight: 0, retries: 0, lost: 0,
                error: nil, submittedAt: 1_000, finishedAt: state == .running ? nil : 1_010, durationSeconds: 10)
            return .statusReply(json: Array((try? Coordinator.statusEncoder().encode(job)) ?? Data()))
        }
        func run(
            _ label: String, _ arguments: [String], _ script: @escaping @Sendable (ClientMessage, Int) -> ClientMessage?
        ) throws -> (
            ProcessOutput, [ClientMessage]
        ) {
            let coordinator = try ScriptedCoordinator(endpoint: "ipc://\(directory.path)/\(label).sock", script: script)
            defer { coordinator.stop() }
            // --timeout 1: the first attempt gives up on its reply after a second.
            let result = try runTransborder(arguments + ["--to", coordinator.endpoint, "--timeout", "1", "--wait-timeout", "60s"])
            return (result, coordinator.requests)
        }

        // FORGET carried out, reply lost: the retry is told the job is unknown — it is gone.
        let (forgot, forgetRequests) = try run("forget", ["forget", id]) { request, before in
            before == 0 ? nil : .error(code: .unknownJob, message: "no job \(id)")
        }
        XCTAssertEqual(forgetRequests, [.forget(job: id), .forget(job: id)])
        XCTAssertEqual(forgot.status, 0, forgot.stderr)
        XCTAssertEqual(forgot.stdout, "forgot job \(id)\n")
        XCTAssertTrue(forgot.stderr.contains("was gone when asked again"), forgot.stderr)
        // Told so at the first attempt, the job does not exist: exit 2 as before.
        let (unknown, _) = try run("unknown", ["forget", id]) { _, _ in .error(code: .unknownJob, message: "no job \(id)") }
        XCTAssertEqual(unknown.status, 2, unknown.stderr)

        // CANCEL carried out, reply lost: the retry finds it cancelled and says so as a cancel.
        let (cancelled, cancelRequests) = try run("cancel", ["cancel", id]) { request, before in
            switch (request, before) {
            case (.status, 0): status(.running)
            case (.cancel, _): nil
            default: status(.cancelled)
            }
        }
        XCTAssertEqual(cancelRequests, [.status(job: id), .cancel(job: id), .status(job: id)])
        XCTAssertEqual(cancelled.status, 0, cancelled.stderr)
        XCTAssertTrue(cancelled.stdout.contains("cancelled"), cancelled.stdout)
        XCTAssertFalse(cancelled.stdout.contains("nothing to cancel"), cancelled.stdout)

        // PRUNE carried out, reply lost: the retry removes the rest and says the list is partial.
        let (pruned, pruneRequests) = try run("prune", ["prune", "--older-than", "1d"]) { _, before in
            let json = #"{"removed": ["fedcba9876543210"], "store_bytes_before": 2097152, "store_bytes_after": 1048576}"#
            return before == 0 ? nil : .removed(json: Array(json.utf8))
        }
        XCTAssertEqual(pruneRequests, [.prune(olderThanSeconds: 86_400), .prune(olderThanSeconds: 86_400)])
        XCTAssertEqual(pruned.status, 0, pruned.stderr)
        XCTAssertEqual(pruned.stdout, "forgot job fedcba9876543210\n")
        XCTAssertTrue(pruned.stderr.contains("an earlier attempt got no reply"), pruned.stderr)
    }

    func testClientsWithTheCoordinatorGoneSayItAndGiveUpAtTheirDeadline() throws {
        let h = try ClusterHarness()
        defer { h.stopAll() }
        let coordinator = try h.startCoordinator(transport: .ipc)
        try h.startWorker("w1")
        let spec = try h.noopSpec(tasks: 400, sleepMilliseconds: 20)
        let out = h.directory.appendingPathComponent("out")
        let waiting = try h.spawn(
            "submit", ["submit", spec, "--kind", "noop", "--to", h.endpoint, "--wait", "--out", out.path, "--timeout", "5"])
        var id = ""
        try h.waitFor("the job", timeout: 30) {
            id = (try? h.client().clusterStatus().jobs.first?.job) ?? ""
            return !id.isEmpty
        }
        try h.waitFor("progress", timeout: 30) { ((try? h.client().status(job: id))?.tasksDone ?? 0) >= 20 }
        kill(coordinator.processIdentifier, SIGKILL)
        _ = try h.waitForExit(coordinator, timeout: 10)
        let killed = Date()

        let status = try h.spawn("status", ["status", id, "--to", h.endpoint, "--wait-timeout", "12s"])
        let fetch = try h.spawn(
            "fetch", ["fetch", id, "--to", h.endpoint, "--out", h.directory.appendingPathComponent("f").path, "--wait-timeout", "12s"])
        let impatient = try h.spawn(
            "impatient",
            [
                "submit", spec, "--kind", "noop", "--to", h.endpoint, "--wait", "--wait-timeout", "5s", "--out",
                h.directory.appendingPathComponent("i").path,
            ])
        XCTAssertEqual(try h.waitForExit(impatient, timeout: 30), 75, h.log("impatient"))
        print("measured: submit --wait --wait-timeout 5s exited after \(String(format: "%.1f", Date().timeIntervalSince(killed))) s")
        XCTAssertTrue(
            h.log("impatient").contains("submit: coordinator at \(h.endpoint) not answering for 5 s; giving up (--wait-timeout)"),
            h.log("impatient"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: h.directory.appendingPathComponent("i").path), "nothing left behind")
        for (label, process) in [("status", status), ("fetch", fetch)] {
            XCTAssertEqual(try h.waitForExit(process, timeout: 30), 75, "\(label): \(h.log(label))")
            let seconds = Date().timeIntervalSince(killed)
            print("measured: \(label) --wait-timeout 12s exited after \(String(format: "%.1f", seconds)) s")
            XCTAssertGreaterThanOrEqual(seconds, 12, label)
            let log = h.log(label)
            XCTAssertTrue(
                log.contains("coordinator at \(h.endpoint) not answering for 10 s; still trying (Ctrl-C to stop"), "\(label): \(log)")
            XCTAssertTrue(
                log.contains("\(label): coordinator at \(h.endpoint) not answering for 12 s; giving up (--wait-timeout)"),
                "\(label): \(log)")
            XCTAssertEqual(log.components(separatedBy: "still trying").count - 1, 1, "one notice in 12 s: \(log)")
        }
        XCTAssertTrue(
            h.log("fetch").contains("still trying (Ctrl-C to stop; fetching again later is safe)"), h.log("fetch"))

        // `submit --wait` has no deadline by default: it says so every 10 s and carries on.
        try h.waitFor("submit --wait's notice", timeout: 30) {
            h.log("submit").contains(
                "coordinator at \(h.endpoint) not answering for 10 s; still trying (Ctrl-C to stop; resubmitting later resumes the job)")
        }
        XCTAssertTrue(waiting.isRunning, h.log("submit"))
        try h.startCoordinator(transport: .ipc, label: "coordinator2")
        XCTAssertEqual(try h.waitForExit(waiting, timeout: 90), 0, h.log("submit"))
        XCTAssertEqual(
            try Data(contentsOf: out.appendingPathComponent("noop-summary.json")), try ClusterHarness.reference(specPath: spec),
            "the job finished after the outage, byte-identical to the in-process run")
    }

    func testStatusAndSubmitSayWhenAJobWaitsForWorkers() throws {
        let h = try ClusterHarness()
        defer { h.stopAll() }
        // The coordinator warns once a job has waited longer than the heartbeat timeout.
        try h.startCoordinator(transport: .ipc, extra: ["--heartbeat-timeout", "2"])
        let spec = try h.noopSpec(tasks: 12)
        let out = h.directory.appendingPathComponent("out")
        let waiting = try h.spawn("submit", ["submit", spec, "--kind", "noop", "--to", h.endpoint, "--wait", "--out", out.path])
        var id = ""
        try h.waitFor("the job", timeout: 30) {
            id = (try? h.client().clusterStatus().jobs.first?.job) ?? ""
            return !id.isEmpty
        }
        let json = try runTransborder(["status", id, "--to", h.endpoint, "--format", "json"])
        XCTAssertEqual(json.status, 0, json.stderr)
        let status = try JSONDecoder().decode(JobStatus.self, from: Data(json.stdout.utf8))
        XCTAssertTrue(status.waitingForWorkers, json.stdout)
        XCTAssertEqual(status.eligibleWorkers, 0)
        XCTAssertTrue(json.stdout.contains("\"waiting_for_workers\":true"), json.stdout)
        let text = try runTransborder(["status", "--to", h.endpoint])
        XCTAssertTrue(text.stdout.contains("queued, waiting for workers"), text.stdout)
        try h.waitFor("submit --wait to say so", timeout: 10) { h.log("submit").contains("queued, waiting for workers 0/12 tasks") }
        try h.waitFor("the coordinator's warning", timeout: 15) {
            h.log("coordinator").split(separator: "\n").contains {
                $0.contains("job waits: no eligible worker connected") && $0.contains("job=\(id)") && $0.contains("tasks_left=12")
            }
        }

        try h.startWorker("w1")
        XCTAssertEqual(try h.waitForExit(waiting, timeout: 60), 0, h.log("submit"))
        let done = try h.client().status(job: id)
        XCTAssertFalse(done.waitingForWorkers)
        XCTAssertEqual(try Data(contentsOf: out.appendingPathComponent("noop-summary.json")), try ClusterHarness.reference(specPath: spec))
    }

    /// Workers connected but none eligible: the only one left is quarantined for the job.
    func testAJobWhoseOnlyWorkerIsQuarantinedWaitsAndSaysSo() throws {
        let h = try ClusterHarness()
        defer { h.stopAll() }
        let (bad, good) = try h.startWithFailingAndGoodWorker()
        defer { bad.stop() }
        let spec = try h.noopSpec(tasks: 600, sleepMilliseconds: 20)
        let id = try h.client().submit(JobBundle(kind: "noop", spec: try Data(contentsOf: URL(fileURLWithPath: spec))))
        try h.waitFor("bad quarantined", timeout: 30) { (try? h.client().status(job: id))?.quarantined == ["bad"] }
        kill(good.processIdentifier, SIGTERM)
        XCTAssertEqual(try h.waitForExit(good, timeout: 30), 0, h.log("good"))

        let status = try h.client().status(job: id)
        XCTAssertLessThan(status.tasksDone, 600, "stopped mid-job")
        XCTAssertEqual(status.workersConnected, 1)
        XCTAssertEqual(status.eligibleWorkers, 0)
        XCTAssertTrue(status.waitingForWorkers)
        let text = try runTransborder(["status", id, "--to", h.endpoint])
        XCTAssertTrue(text.stdout.contains("waiting for workers"), text.stdout)
        XCTAssertTrue(text.stdout.contains("(no eligible worker: 1 connected)"), text.stdout)
        let out = h.directory.appendingPathComponent("out")
        let waiting = try h.spawn("submit", ["submit", spec, "--kind", "noop", "--to", h.endpoint, "--wait", "--out", out.path])
        try h.waitFor("submit --wait to say why", timeout: 15) {
            h.log("submit").contains("no eligible worker: the 1 connected are quarantined for this job; it waits until another registers")
        }

        try h.startWorker("good2", credit: 4)
        XCTAssertEqual(try h.waitForExit(waiting, timeout: 60), 0, h.log("submit"))
        XCTAssertEqual(try Data(contentsOf: out.appendingPathComponent("noop-summary.json")), try ClusterHarness.reference(specPath: spec))
    }
}
