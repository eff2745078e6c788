import XCTest
@testable import ClusterProtocol

/// Operators name jobs by id, name or an unambiguous prefix; times are ISO 8601 UTC.
final class JobReferenceTests: XCTestCase {
    func job(_ id: String, _ name: String, at submitted: Double) -> JobStatus {
        JobStatus(
            job: id, name: name, kind: "noop", state: .done, tasksDone: 1, tasksTotal: 1, tasksInFlight: 0,
            retries: 0, lost: 0, error: nil, submittedAt: submitted, finishedAt: submitted + 1, durationSeconds: 1)
    }

    lazy var jobs = [
        job("c2ee37296d7994a9", "tiny", at: 100),
        job("c2e0000000000001", "heilongjiang-far-east", at: 200),
        job("0123456789abcdef", "tiny", at: 300),
        job("fedcba9876543210", "", at: 400),
    ]

    func testIdsNamesAndPrefixes() throws {
        XCTAssertEqual(try JobReference.resolve("c2ee37296d7994a9", among: jobs), "c2ee37296d7994a9")
        XCTAssertEqual(try JobReference.resolve("tiny", among: jobs), "0123456789abcdef", "the latest job of that name")
        XCTAssertEqual(try JobReference.resolve("c2ee", among: jobs), "c2ee37296d7994a9")
        XCTAssertEqual(try JobReference.resolve("heilong", among: jobs), "c2e0000000000001")
        XCTAssertEqual(try JobReference.resolve("fed", among: jobs), "fedcba9876543210")
    }

    func testAmbiguousAndUnknownReferencesAreRefused() {
        XCTAssertThrowsError(try JobReference.resolve("c2e", among: jobs)) { error in
            XCTAssertEqual(
                error as? JobReference.ResolutionError,
                .ambiguous("c2e", candidates: ["c2ee37296d7994a9 (tiny)", "c2e0000000000001 (heilongjiang-far-east)"]))
            XCTAssertTrue("\(error)".contains("matches 2 jobs"), "\(error)")
        }
        XCTAssertThrowsError(try JobReference.resolve("ti", among: jobs)) { error in
            guard case .ambiguous(_, let candidates)? = error as? JobReference.ResolutionError else { return XCTFail("\(error)") }
            XCTAssertEqual(candidates.count, 2)
        }
        XCTAssertThrowsError(try JobReference.resolve("zzz", among: jobs)) { error in
            XCTAssertEqual(error as? JobReference.ResolutionError, .unknown("zzz"))
        }
        XCTAssertThrowsError(try JobReference.resolve("", among: jobs))
        XCTAssertTrue(JobReference.isJobID("0123456789abcdef"))
        XCTAssertFalse(JobReference.isJobID("0123456789ABCDEF"))
        XCTAssertFalse(JobReference.isJobID("tiny"))
    }

    func testTimesAreISO8601UTCInJSON() throws {
        // 1795926567 s after the epoch, by `date -u -d @1795926567`: 2026-11-29T04:29:27Z.
        XCTAssertEqual(UTCTimestamp.string(1_795_926_567.7), "2026-11-29T04:29:27Z")
        XCTAssertEqual(UTCTimestamp.seconds("2026-11-29T04:29:27Z"), 1_795_926_567)
        XCTAssertNil(UTCTimestamp.seconds("1795926567.7"))
        var status = job("0123456789abcdef", "tiny", at: 1_795_926_567.7)
        status.finishedAt = 1_795_926_600.25
        status.durationSeconds = 32.5512
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let text = String(decoding: try encoder.encode(status), as: UTF8.self)
        XCTAssertTrue(text.contains("\"submitted_at\":\"2026-11-29T04:29:27Z\""), text)
        XCTAssertTrue(text.contains("\"finished_at\":\"2026-11-29T04:30:00Z\""), text)
        XCTAssertTrue(text.contains("\"duration_seconds\":32.551"), text)
        let decoded = try JSONDecoder().decode(JobStatus.self, from: Data(text.utf8))
        XCTAssertEqual(decoded.finishedAt, 1_795_926_600)
        XCTAssertEqual(decoded.name, "tiny")
    }
}
