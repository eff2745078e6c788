import ClusterProtocol
import Foundation
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
import JobStore
import TestSupport
import XCTest
@testable import Cluster

/// A long-lived coordinator's memory and disk stay bounded: finished jobs leave its
/// memory, the WAL is checkpointed, `status` is filtered and cut on the coordinator,
/// `--keep-finished` prunes, worker counters persist. Real processes, sockets and SQLite.
final class BoundedResourcesTests: XCTestCase {
    /// Starts a coordinator with `--metrics` on a free port; returns the scrape URL.
    func coordinatorWithMetrics(_ h: ClusterHarness, extra: [String] = []) throws -> URL {
        try h.startCoordinator(transport: .ipc, extra: ["--metrics", "127.0.0.1:0"] + extra)
        try h.waitFor("the metrics endpoint", timeout: 10) { h.log("coordinator").contains("metrics endpoint listening") }
        let line = try XCTUnwrap(h.log("coordinator").split(separator: "\n").first { $0.contains("metrics endpoint listening") })
        let port = try XCTUnwrap(
            line.range(of: #"tcp://127\.0\.0\.1:[0-9]+"#, options: .regularExpression).flatMap { line[$0].split(separator: ":").last })
        return try XCTUnwrap(URL(string: "http://127.0.0.1:\(port)/metrics"))
    }

    /// The value of the sample `name` (with its labels, as printed) in a scrape.
    func metric(_ url: URL, _ name: String) throws -> Double? {
        let body = try String(contentsOf: url, encoding: .utf8)
        guard let line = body.split(separator: "\n").first(where: { $0.hasPrefix(name + " ") }) else { return nil }
        return Double(line.split(separator: " ").last ?? "")
    }

    func tiny(_ i: Int, tasks: Int = 2) -> JobBundle {
        JobBundle(kind: "noop", spec: Data("{\"tasks\": \(tasks), \"payload_bytes\": 16, \"nonce\": \"\(i)\"}".utf8))
    }

    /// 60 finished jobs leave nothing in the coordinator's registries (jobs, fold threads,
    /// leases), yet each is still listed, looked up and fetched from the store; the
    /// oldest is found by name beyond the default listing limit of 50.
    func testFinishedJobsLeaveNoStateInMemoryAndStayReachable() throws {
        let h = try ClusterHarness()
        defer { h.stopAll() }
        let url = try coordinatorWithMetrics(h)
        try h.startWorker("w1", credit: 8)
        let client = try h.client()
        var ids: [String] = []
        for i in 0..<60 { ids.append(try client.submit(tiny(i), name: "tiny-\(i)")) }
        for id in ids { XCTAssertEqual(try h.waitForJob(id).state, .done) }
        try h.waitFor("the registries to empty", timeout: 10) {
            try metric(url, "transborder_jobs_in_memory") == 0 && metric(url, "transborder_fold_streams") == 0
        }
        XCTAssertEqual(try metric(url, "transborder_leases"), 0)
        XCTAssertEqual(try metric(url, "transborder_jobs{state=\"done\"}"), 60)
        let pageCache = try XCTUnwrap(try metric(url, "transborder_store_page_cache_bytes"))
        XCTAssertGreaterThan(pageCache, 0)
        XCTAssertLessThanOrEqual(pageCache, Double(JobStore.pageCacheKibibytes * 1024 + 70_000))
        #if canImport(Glibc)
            XCTAssertTrue(
                h.log("coordinator").contains("heap_settings_applied=true"),
                "the coordinator command caps glibc's arenas and fixes its mmap threshold: \(h.log("coordinator"))")
        #endif

        let listed = try client.clusterStatus()
        XCTAssertEqual(listed.jobs.count, JobListFilter.defaultLimit, "the reply is cut at the default limit")
        XCTAssertEqual(listed.jobsMatching, 60)
        XCTAssertEqual(listed.jobs.first?.name, "tiny-59", "newest first")
        XCTAssertEqual(try client.resolve(job: "tiny-0"), ids[0], "a name resolves beyond the listing limit")
        XCTAssertEqual(try client.status(job: ids[0]).tasksDone, 2)
        let out = h.directory.appendingPathComponent("first")
        XCTAssertEqual(try client.fetch(job: ids[0], into: out).sorted(), ["manifest.json", "noop-summary.json"])
        let table = try runTransborder(["status", "--to", h.endpoint])
        XCTAssertTrue(table.stdout.contains("jobs: 60 (the newest 50 shown; --limit for more)"), table.stdout)
    }

    /// Filters and the limit are applied by the coordinator: by state, by activity since
    /// a time, newest first.
    func testStatusFiltersByStateSinceAndLimit() throws {
        let h = try ClusterHarness()
        defer { h.stopAll() }
        try h.startCoordinator(transport: .ipc)
        try h.startWorker("w1", credit: 4)
        let client = try h.client()
        var done: [String] = []
        for i in 0..<5 { done.append(try client.submit(tiny(i), name: "done-\(i)")) }
        for id in done { XCTAssertEqual(try h.waitForJob(id).state, .done) }
        let cancelled = try client.submit(JobBundle(kind: "noop", spec: Data("{\"tasks\": 501, \"sleep_ms\": 50}".utf8)), name: "stopped")
        _ = try client.cancel(job: cancelled)
        let running = try client.submit(JobBundle(kind: "noop", spec: Data("{\"tasks\": 500, \"sleep_ms\": 50}".utf8)), name: "slow")
        try h.waitFor("the slow job to run", timeout: 20) { try client.status(job: running).state == .running }

        func listed(_ arguments: [String]) throws -> (ids: [String], matching: Int) {
            let result = try runTransborder(["status", "--to", h.endpoint, "--format", "json"] + arguments)
            XCTAssertEqual(result.status, 0, result.stderr)
            let status = try JSONDecoder().decode(ClusterStatus.self, from: Data(result.stdout.utf8))
            return (status.jobs.map(\.job), status.jobsMatching)
        }
        let limited = try listed(["--limit", "3"])
        XCTAssertEqual(limited.ids, [running, cancelled, done[4]], "the 3 newest, newest first")
        XCTAssertEqual(limited.matching, 7)
        XCTAssertEqual(try listed(["--state", "running"]).ids, [running])
        XCTAssertEqual(try listed(["--state", "cancelled,queued"]).ids, [cancelled])
        XCTAssertEqual(Set(try listed(["--state", "done"]).ids), Set(done))
        // Since a time after every finish: only the job still active.
        let later = UTCTimestamp.string(Date().timeIntervalSince1970 + 3600)
        XCTAssertEqual(try listed(["--since", later]).ids, [running])
        XCTAssertEqual(try listed(["--since", "1h"]).matching, 7)
        let bad = try runTransborder(["status", "--to", h.endpoint, "--state", "paused"])
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.stderr.contains("'paused' is not a state"), bad.stderr)
        XCTAssertEqual(try runTransborder(["status", "--to", h.endpoint, "--since", "yesterday"]).status, 2)
        XCTAssertEqual(try runTransborder(["status", "--to", h.endpoint, "--limit", "0"]).status, 2)
        _ = try client.cancel(job: running)
    }

    /// 1,500 results of 64 KiB (≈ 94 MiB) pass through the store while its WAL stays
    /// under 40 MiB (SQLite's default would let it reach 64 MiB and keep that size); once
    /// idle, the periodic TRUNCATE checkpoint empties it.
    func testWALStaysBoundedWhileResultsPileUp() throws {
        let h = try ClusterHarness()
        defer { h.stopAll() }
        try h.startCoordinator(transport: .ipc, extra: ["--checkpoint-interval", "1"])
        try h.startWorker("w1", credit: 8)
        let specURL = h.directory.appendingPathComponent("heavy.json")
        try Data("{\"tasks\": 1500, \"payload_bytes\": 65536}".utf8).write(to: specURL)
        let id = try h.client().submit(JobBundle(kind: "noop", spec: try Data(contentsOf: specURL)))
        let wal = h.storePath + "-wal"
        func walBytes() -> Int { (try? FileManager.default.attributesOfItem(atPath: wal)[.size] as? Int) ?? 0 }
        var largest = 0
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline {
            largest = max(largest, walBytes())
            if let status = try? h.client(timeout: 2).status(job: id), status.state.isFinished { break }
            usleep(20_000)
        }
        XCTAssertEqual(try h.waitForJob(id).state, .done)
        XCTAssertGreaterThan(largest, 0, "the WAL was in use")
        XCTAssertLessThan(largest, 40 << 20, "largest WAL: \(largest) bytes")
        try h.waitFor("the idle WAL to be truncated", timeout: 10) { walBytes() == 0 }
        XCTAssertEqual(try h.summary(of: id), try ClusterHarness.reference(specPath: specURL.path))
    }

    /// `--keep-finished 3s` removes a finished job, its results and its folder by itself,
    /// not before 3 s have passed since it finished; an active job stays.
    func testKeepFinishedPrunesOldJobsAutomatically() throws {
        let h = try ClusterHarness()
        defer { h.stopAll() }
        try h.startCoordinator(transport: .ipc, extra: ["--keep-finished", "3s"])
        try h.startWorker("w1", credit: 4)
        let client = try h.client()
        let id = try client.submit(tiny(1, tasks: 5), name: "short-lived")
        XCTAssertEqual(try h.waitForJob(id).state, .done)
        let done = Date()
        let folder = URL(fileURLWithPath: h.resultsPath).appendingPathComponent(id)
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.path))
        let slow = try client.submit(JobBundle(kind: "noop", spec: Data("{\"tasks\": 400, \"sleep_ms\": 25}".utf8)), name: "slow")
        try h.waitFor("retention to remove the finished job", timeout: 20) {
            do {
                _ = try client.status(job: id)
                return false
            } catch ClientError.refused(.unknownJob, _) {
                return true
            }
        }
        let kept = Date().timeIntervalSince(done)
        XCTAssertGreaterThan(kept, 2.5, "removed \(kept) s after it finished, before its 3 s were up")
        XCTAssertLessThan(kept, 10, "retention checks every tenth of the period, at least every second")
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.path), "its result folder went with it")
        let store = try JobStore(path: h.storePath, readOnly: true)
        XCTAssertNil(try store.job(id: id))
        XCTAssertEqual(try client.status(job: slow).state, .running, "an active job is never removed")
        XCTAssertTrue(h.log("coordinator").contains("keep_finished_seconds=3"), "logged with the period")
        let invalid = try runTransborder(["coordinator", "--keep-finished", "forever", "--store", h.storePath])
        XCTAssertEqual(invalid.status, 2)
        XCTAssertTrue(invalid.stderr.contains("--keep-finished: 'forever' is not a duration"), invalid.stderr)
        _ = try client.cancel(job: slow)
    }

    /// A worker's `tasks_done` is its name's, over its life: it continues when the worker
    /// registers again and when the coordinator restarts.
    func testTasksDoneContinuesAcrossRegistrationsAndRestarts() throws {
        let h = try ClusterHarness()
        defer { h.stopAll() }
        try h.startCoordinator(transport: .ipc)
        let first = try h.startWorker("w1", credit: 4)
        let client = try h.client()
        func tasksDone() throws -> Int? { try h.client().clusterStatus().workers.first { $0.name == "w1" }?.tasksDone }
        XCTAssertEqual(try h.waitForJob(try client.submit(tiny(1, tasks: 20))).state, .done)
        XCTAssertEqual(try tasksDone(), 20)
        first.terminate()  // leaves in order (DISCONNECT 4)
        XCTAssertEqual(try h.waitForExit(first, timeout: 20), 0)
        try h.waitFor("w1 to leave", timeout: 10) { try tasksDone() == nil }
        let again = try h.spawn("w1-again", ["worker", "--connect", h.endpoint, "--name", "w1", "--credit", "4", "--log-level", "debug"])
        try h.waitFor("w1 back", timeout: 20) { try tasksDone() != nil }
        XCTAssertEqual(try tasksDone(), 20, "the count continues after re-registration")
        XCTAssertEqual(try h.waitForJob(try client.submit(tiny(2, tasks: 10))).state, .done)
        XCTAssertEqual(try tasksDone(), 30)

        // A coordinator restart on the same store: w1 registers again (a fresh process: a
        // worker that outlives a restart over ipc:// sometimes fails to reconnect, which is
        // another matter), its count intact.
        let coordinator = try XCTUnwrap(h.coordinator)
        coordinator.terminate()
        XCTAssertEqual(try h.waitForExit(coordinator, timeout: 20), 0)
        again.terminate()
        XCTAssertEqual(try h.waitForExit(again, timeout: 20), 0)
        try h.startCoordinator(transport: .ipc, label: "coordinator2")
        try h.spawn("w1-third", ["worker", "--connect", h.endpoint, "--name", "w1", "--credit", "4", "--log-level", "debug"])
        try h.waitFor("w1 to register again", timeout: 30) { (try? tasksDone()) != nil }
        XCTAssertEqual(try tasksDone(), 30)
    }
}
