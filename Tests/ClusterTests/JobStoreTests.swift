import Foundation
import TestSupport
import XCTest
@testable import Cluster

/// The SQLite store: results deduplicated by (job, task), failures counted, state reloaded.
final class JobStoreTests: XCTestCase {
    func testResultsAreDeduplicatedAndSurviveReopening() throws {
        let dir = try Fixtures.temporaryDirectory("store")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("s.db").path
        do {
            let store = try JobStore(path: path)
            try store.begin()
            let serial = try store.insertJob(id: "0123456789abcdef", kind: "noop", bundleHash: String(repeating: "0", count: 64),
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
}
