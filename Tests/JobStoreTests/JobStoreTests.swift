import Foundation
import TestSupport
import XCTest
@testable import JobStore

/// The SQLite store: results deduplicated by (job, task), failures counted, state reloaded.
final class JobStoreTests: XCTestCase {
    func testResultsAreDeduplicatedAndSurviveReopening() throws {
        let dir = try Fixtures.temporaryDirectory("store")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("s.db").path
        do {
            let store = try JobStore(path: path)
            try store.begin()
            let serial = try store.insertJob(
                id: "0123456789abcdef", kind: "noop", bundleHash: String(repeating: "0", count: 64),
                bundle: [1], taskCount: 3, submittedAt: 0)
            XCTAssertTrue(try store.insertResult(job: serial, index: 2, payload: [7]))
            XCTAssertFalse(try store.insertResult(job: serial, index: 2, payload: [8]))
            // Larger than a 64 KiB page: an overflow chain, bound without a copy.
            XCTAssertTrue(try store.insertResult(job: serial, index: 0, payload: (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }))
            XCTAssertEqual(try store.recordFailure(job: serial, index: 1, error: "x"), 1)
            XCTAssertEqual(try store.recordFailure(job: serial, index: 1, error: "y"), 2)
            try store.commit()
        }
        let reopened = try JobStore(path: path)
        let jobs = try reopened.jobs(activeOnly: true)
        XCTAssertEqual(jobs.map(\.id), ["0123456789abcdef"])
        XCTAssertEqual(try reopened.result(job: jobs[0].serial, index: 2), Data([7]))
        XCTAssertEqual(try reopened.result(job: jobs[0].serial, index: 0), Data((0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }))
        XCTAssertEqual(try reopened.failureCounts(job: jobs[0].serial), [1: 2])
        var indices: [Int] = []
        try reopened.forEachResultIndex(job: jobs[0].serial) { indices.append($0) }
        XCTAssertEqual(indices, [0, 2])
    }

    /// The writing connection's page cache stays within `pageCacheKibibytes` however large
    /// the store grows — on a new store (where `page_size=65536` used to leave it sized in
    /// 4 KiB pages: 465 pages, the whole store cached) and on reopening it.
    func testPageCacheStaysWithinItsBudgetAsTheStoreGrows() throws {
        let dir = try Fixtures.temporaryDirectory("store-cache")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("s.db").path
        let budget = JobStore.pageCacheKibibytes * 1024
        // One 64 KiB page per job (a bundle just under a page): 160 pages, 5 times the budget.
        let bundle = (0..<60_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        func readEverything(_ store: JobStore, serials: [Int]) throws {
            for serial in serials { XCTAssertEqual(try store.bundle(serial: serial)?.count, bundle.count) }
        }
        var serials: [Int] = []
        do {
            let store = try JobStore(path: path)
            for i in 0..<160 {
                try store.begin()
                serials.append(
                    try store.insertJob(
                        id: String(format: "%016x", i), kind: "noop", bundleHash: String(repeating: "0", count: 64), bundle: bundle,
                        taskCount: 1, submittedAt: Double(i)))
                try store.commit()
            }
            try readEverything(store, serials: serials)
            XCTAssertGreaterThan(store.pageCacheBytes, 0)
            XCTAssertLessThanOrEqual(store.pageCacheBytes, budget + 70_000, "new store: the cache holds at most the budget and a page")
        }
        let fileBytes = try XCTUnwrap(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        let walBytes = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
        XCTAssertGreaterThan(fileBytes + walBytes, 4 * budget, "the store is larger than the budget, or the test proves nothing")
        let reopened = try JobStore(path: path)
        try readEverything(reopened, serials: serials)
        XCTAssertLessThanOrEqual(reopened.pageCacheBytes, budget + 70_000, "reopened store")
    }

    /// A store written before job names (schema 2) opens, gains the column, keeps its jobs.
    func testSchemaTwoStoreGainsJobNames() throws {
        let dir = try Fixtures.temporaryDirectory("store-v2")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("old.db").path
        do {
            let db = try SQLiteDatabase(path: path)
            try db.execute(
                """
                CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
                CREATE TABLE jobs(serial INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, kind TEXT NOT NULL,
                    bundle_hash TEXT NOT NULL, bundle BLOB NOT NULL, task_count INTEGER NOT NULL, state TEXT NOT NULL,
                    error TEXT, submitted_at REAL NOT NULL, finished_at REAL, retries INTEGER NOT NULL DEFAULT 0,
                    lost INTEGER NOT NULL DEFAULT 0);
                INSERT INTO meta VALUES ('schema_version', '2');
                INSERT INTO jobs(id, kind, bundle_hash, bundle, task_count, state, submitted_at, finished_at)
                    VALUES ('0123456789abcdef', 'noop', 'h', x'01', 3, 'done', 10, 20);
                """)
        }
        let store = try JobStore(path: path)
        let old = try XCTUnwrap(try store.job(id: "0123456789abcdef"))
        XCTAssertEqual(old.name, "")
        XCTAssertEqual(old.state, .done)
        XCTAssertEqual(old.priority, 1, "schema 4's priority column, at its default")
        XCTAssertEqual(old.quarantined, [])
        try store.begin()
        let serial = try store.insertJob(
            id: "fedcba9876543210", kind: "noop", bundleHash: "h2", bundle: [2], taskCount: 1,
            submittedAt: 30, name: "named")
        try store.commit()
        XCTAssertEqual(try store.job(id: "fedcba9876543210")?.name, "named")
        try store.begin()
        try store.deleteJob(serial: serial)
        try store.commit()
        XCTAssertNil(try store.job(id: "fedcba9876543210"))
        XCTAssertNotNil(try store.job(id: "0123456789abcdef"), "only the forgotten job goes")
    }

    /// A job state this version does not know is an error naming it, never read as
    /// `failed` (which would drop a job a newer coordinator still runs).
    func testUnknownStoredJobStateThrows() throws {
        let dir = try Fixtures.temporaryDirectory("store-state")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("s.db").path
        do {
            let store = try JobStore(path: path)
            try store.begin()
            _ = try store.insertJob(id: "0123456789abcdef", kind: "noop", bundleHash: "h", bundle: [1], taskCount: 1, submittedAt: 0)
            try store.commit()
        }
        do {
            let db = try SQLiteDatabase(path: path)
            try db.execute("UPDATE jobs SET state = 'paused'")
        }
        let store = try JobStore(path: path)
        XCTAssertThrowsError(try store.job(id: "0123456789abcdef")) { error in
            XCTAssertTrue("\(error)".contains("unknown job state 'paused'"), "\(error)")
        }
    }

    /// Parameters bind by type: integers, reals, text, blobs and NULL read back as written.
    func testBindableParametersRoundTrip() throws {
        let db = try SQLiteDatabase(path: ":memory:")
        try db.execute("CREATE TABLE t(i INTEGER, r REAL, s TEXT, b BLOB, d BLOB, n TEXT)")
        let insert = try db.prepare("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?)")
        let none: String? = nil
        try insert.bind([-7, 2.5, "héllo", [UInt8]([0, 255, 3]), Data([9, 8]), none])
        try insert.step()
        let select = try db.prepare("SELECT i, r, s, b, d, n IS NULL FROM t")
        XCTAssertTrue(try select.step())
        XCTAssertEqual(select.int(0), -7)
        XCTAssertEqual(select.double(1), 2.5)
        XCTAssertEqual(select.string(2), "héllo")
        XCTAssertEqual([UInt8](select.blob(3)), [0, 255, 3])
        XCTAssertEqual(select.blob(4), Data([9, 8]))
        XCTAssertEqual(select.int(5), 1)
    }

    /// Builds a store with jobs in every state, submitted at 10, 20, … and finished 5 s later.
    func storeWithJobs(_ path: String) throws -> (JobStore, [String]) {
        let store = try JobStore(path: path)
        try store.begin()
        let states: [JobState] = [.done, .failed, .cancelled, .done, .running, .queued, .aggregating]
        var ids: [String] = []
        for (i, state) in states.enumerated() {
            let id = String(format: "%016x", 0xabc000 + i)
            let serial = try store.insertJob(
                id: id, kind: "noop", bundleHash: "h\(i)", bundle: [UInt8(i)], taskCount: 2, submittedAt: Double(10 * (i + 1)),
                name: i == 3 ? "alpine" : "job\(i)", priority: i + 1)
            if !state.isActive {
                try store.setState(serial: serial, state, finishedAt: Double(10 * (i + 1) + 5))
            } else if state != .queued {
                try store.setState(serial: serial, state)
            }
            ids.append(id)
        }
        try store.commit()
        return (store, ids)
    }

    /// The coordinator-side listing: states, activity since a time, id/name prefix, limit,
    /// newest submission first, and how many matched in all.
    func testJobListingFiltersAndLimits() throws {
        let dir = try Fixtures.temporaryDirectory("store-list")
        defer { try? FileManager.default.removeItem(at: dir) }
        let (store, ids) = try storeWithJobs(dir.appendingPathComponent("s.db").path)
        let all = try store.jobs(matching: JobFilter(limit: 100))
        XCTAssertEqual(all.jobs.map(\.id), ids.reversed(), "newest first")
        XCTAssertEqual(all.matching, 7)
        XCTAssertEqual(all.jobs.map(\.priority), [7, 6, 5, 4, 3, 2, 1])
        let two = try store.jobs(matching: JobFilter(limit: 2))
        XCTAssertEqual(two.jobs.map(\.id), [ids[6], ids[5]])
        XCTAssertEqual(two.matching, 7)
        XCTAssertEqual(try store.jobs(matching: JobFilter(states: [.done], limit: 100)).jobs.map(\.id), [ids[3], ids[0]])
        XCTAssertEqual(
            try store.jobs(matching: JobFilter(states: [.running, .aggregating], limit: 100)).jobs.map(\.id), [ids[6], ids[4]])
        // Since 26: jobs finished at 35 and 45 (submitted 30, 40) and the active ones; not those finished at 15 and 25.
        XCTAssertEqual(try store.jobs(matching: JobFilter(since: 26, limit: 100)).jobs.map(\.id), Array(ids[2...].reversed()))
        XCTAssertEqual(try store.jobs(matching: JobFilter(match: "alp", limit: 100)).jobs.map(\.id), [ids[3]])
        XCTAssertEqual(try store.jobs(matching: JobFilter(match: "0000000000abc00", limit: 100)).matching, 7, "an id prefix")
        XCTAssertEqual(try store.jobs(matching: JobFilter(match: "%", limit: 100)).matching, 0, "no LIKE wildcards")
        XCTAssertEqual(try store.finishedJobIDs(before: 30), [ids[0], ids[1]], "finished at 15 and 25")
        XCTAssertEqual(try store.jobCounts(), [.done: 2, .failed: 1, .cancelled: 1, .running: 1, .queued: 1, .aggregating: 1])
    }

    /// Quarantines and priorities are kept with a job; a resubmission clears the quarantine.
    func testQuarantinedWorkersAndPriorityAreStored() throws {
        let dir = try Fixtures.temporaryDirectory("store-quarantine")
        defer { try? FileManager.default.removeItem(at: dir) }
        let (store, ids) = try storeWithJobs(dir.appendingPathComponent("s.db").path)
        let serial = try XCTUnwrap(try store.job(id: ids[1])).serial
        try store.begin()
        try store.setQuarantined(serial: serial, ["bad", "worse"])
        try store.setPriority(serial: serial, 9)
        try store.commit()
        XCTAssertEqual(try store.job(id: ids[1])?.quarantined, ["bad", "worse"])
        XCTAssertEqual(try store.job(id: ids[1])?.priority, 9)
        try store.begin()
        try store.resubmit(serial: serial, name: "again", submittedAt: 100, priority: 2)
        try store.commit()
        let again = try XCTUnwrap(try store.job(id: ids[1]))
        XCTAssertEqual(again.quarantined, [])
        XCTAssertEqual(again.priority, 2)
        XCTAssertEqual(again.state, .queued)
    }

    /// A worker's stored count continues across registrations.
    func testWorkerTasksDoneAccumulates() throws {
        let dir = try Fixtures.temporaryDirectory("store-workers")
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try JobStore(path: dir.appendingPathComponent("s.db").path)
        XCTAssertEqual(try store.workerTasksDone(name: "w1"), 0)
        try store.begin()
        try store.recordWorker(name: "w1", threads: 1, credit: 4, state: .ready, now: 1, tasksDone: 0)
        try store.recordWorker(name: "w1", threads: 1, credit: 4, state: .ready, now: 2, tasksDone: 12)
        try store.recordWorker(name: "w1", threads: 2, credit: 8, state: .released(.left), now: 3, tasksDone: 5)
        try store.recordWorker(name: "w2", threads: 1, credit: 4, state: .ready, now: 3, tasksDone: 7)
        try store.commit()
        XCTAssertEqual(try store.workerTasksDone(name: "w1"), 17)
        XCTAssertEqual(try store.workerTasksDone(name: "w2"), 7)
    }

    /// `checkpoint()` empties the WAL; the WAL stops growing at SQLite's automatic
    /// checkpoint plus the size limit instead of SQLite's default 1,000 pages (64 MiB here).
    func testCheckpointTruncatesTheWALAndAutocheckpointBoundsIt() throws {
        let dir = try Fixtures.temporaryDirectory("store-wal")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("s.db").path
        let store = try JobStore(path: path)
        try store.begin()
        let serial = try store.insertJob(
            id: "0123456789abcdef", kind: "noop", bundleHash: "h", bundle: [1], taskCount: 2000, submittedAt: 0)
        try store.commit()
        let payload = [UInt8](repeating: 7, count: 60_000)
        var largest = 0
        for batch in 0..<100 {
            try store.begin()
            for i in 0..<10 { XCTAssertTrue(try store.insertResult(job: serial, index: batch * 10 + i, payload: payload)) }
            try store.commit()
            largest = max(largest, store.walBytes)
        }
        // 1,000 results of 60 kB (≈ 57 MiB) went through the WAL.
        XCTAssertLessThan(largest, JobStore.walSizeLimit + 2 * 65_536 * 12, "largest WAL \(largest)")
        XCTAssertGreaterThan(store.walBytes, 0)
        XCTAssertTrue(try store.checkpoint())
        XCTAssertEqual(store.walBytes, 0)
        XCTAssertEqual(try store.resultCount(job: serial), 1000, "nothing lost")
    }
}
