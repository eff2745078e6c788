import Foundation
import TestSupport
import XCTest

/// When the automatic number of breaks equals max_breaks, the cap decided:
/// periods.json says so (`breaks_capped`), `summary` and the report too; a
/// run whose penalty chose fewer breaks says nothing.
final class BreaksCappedTests: XCTestCase {
    private func run(maxBreaks: Int) throws -> (periods: [String: Any], summary: String, report: String) {
        let dir = try Fixtures.temporaryDirectory("capped\(maxBreaks)")
        let job = dir.appendingPathComponent("job")
        XCTAssertEqual(
            try runTransborder([
                "generate", "--places", "24", "--years", "30", "--stages", "3",
                "--replicates", "0", "--seed", "4", "--out", job.path,
            ]).status, 0)
        let spec = job.appendingPathComponent("job.yaml")
        let text = try String(contentsOf: spec, encoding: .utf8)
            .replacingOccurrences(of: #"max_breaks: \d+"#, with: "max_breaks: \(maxBreaks)", options: .regularExpression)
        try text.write(to: spec, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        let result = try runTransborder(["run", job.path, "--workers", "0", "--out", out.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        let periods = try XCTUnwrap(
            JSONSerialization.jsonObject(
                with: Data(contentsOf: out.appendingPathComponent("periods.json"))) as? [String: Any])
        let summary = try runTransborder(["summary", out.path]).stdout
        let report = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        return (periods, summary, report)
    }

    func testACappedChoiceIsFlaggedEverywhere() throws {
        let capped = try run(maxBreaks: 1)
        XCTAssertEqual((capped.periods["transitions"] as? [Int])?.count, 1)
        XCTAssertEqual(capped.periods["breaks_capped"] as? Bool, true)
        XCTAssertTrue(capped.summary.contains("the cap, not the penalty, decided"), capped.summary)
        XCTAssertTrue(capped.report.contains("the cap, not the penalty, decided"))
        let free = try run(maxBreaks: 5)
        XCTAssertEqual((free.periods["transitions"] as? [Int])?.count, 2, "the planted three stages")
        XCTAssertEqual(free.periods["breaks_capped"] as? Bool, false)
        XCTAssertFalse(free.summary.contains("the cap"))
    }
}
