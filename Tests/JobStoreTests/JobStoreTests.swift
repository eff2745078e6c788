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
}
