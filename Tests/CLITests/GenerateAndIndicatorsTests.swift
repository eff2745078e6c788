import Foundation
import TestSupport
import XCTest

/// `transborder generate`, `indicators` and `summary` as real processes.
final class GenerateAndIndicatorsTests: XCTestCase {
    func testGenerateWritesAValidJobWithTruth() throws {
        let dir = try Fixtures.temporaryDirectory("generate")
        let out = try runTransborder([
            "generate", "--places", "30", "--years", "24", "--stages", "3", "--noise", "0.1",
            "--seed", "5", "--out", dir.path,
        ])
        XCTAssertEqual(out.status, 0, out.stderr)
        for name in ["places.csv", "links.csv", "job.yaml", "truth.json"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent(name).path), name)
        }
        let truth = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("truth.json"))) as? [String: [Int]]
        XCTAssertEqual(truth?["stage_starts"], [1990, 1998, 2006])
        let validate = try runTransborder(["validate", dir.path])
        XCTAssertEqual(validate.status, 0, validate.stderr)

        // Same arguments, same bytes.
        let again = try Fixtures.temporaryDirectory("generate")
        _ = try runTransborder([
            "generate", "--places", "30", "--years", "24", "--stages", "3", "--noise", "0.1",
            "--seed", "5", "--out", again.path,
        ])
        for name in ["places.csv", "links.csv", "job.yaml", "truth.json"] {
            XCTAssertEqual(
                try Data(contentsOf: dir.appendingPathComponent(name)),
                try Data(contentsOf: again.appendingPathComponent(name)), name)
        }
    }

    func testIndicatorsTableFeedsStages() throws {
        let dir = try Fixtures.temporaryDirectory("indicators")
        XCTAssertEqual(
            try runTransborder([
                "generate", "--places", "30", "--years", "30", "--stages", "3",
                "--seed", "2", "--out", dir.path,
            ]).status, 0)
        let table = try runTransborder(["indicators", dir.path])
        XCTAssertEqual(table.status, 0, table.stderr)
        let lines = table.stdout.split(separator: "\n")
        XCTAssertEqual(lines.count, 31)
        XCTAssertTrue(lines[0].hasPrefix("year,density,betweenness_centralization,"))
        XCTAssertTrue(lines[0].contains(",reach_km,intensity_industrial_park,"))
        XCTAssertTrue(lines[0].hasSuffix(",scale_norm_local"))
        let series = dir.appendingPathComponent("series.csv")
        try table.stdout.write(to: series, atomically: true, encoding: .utf8)
        let stages = try runTransborder(["stages", series.path, "--breaks", "2"])
        XCTAssertEqual(stages.status, 0, stages.stderr)
        let doc = try JSONSerialization.jsonObject(with: Data(stages.stdout.utf8)) as? [String: Any]
        XCTAssertEqual(doc?["breakpoints"] as? [Int], [10, 20, 30], "the planted starts 2000 and 2010")
    }

    func testIndicatorsOnMissingJobExitsTwo() throws {
        let out = try runTransborder(["indicators", "/nonexistent/job"])
        XCTAssertEqual(out.status, 2)
        XCTAssertTrue(out.stderr.contains("/nonexistent/job"), out.stderr)
    }

    func testSummaryOfNonJobFolderExitsTwo() throws {
        let dir = try Fixtures.temporaryDirectory("summary")
        let out = try runTransborder(["summary", dir.path])
        XCTAssertEqual(out.status, 2)
        XCTAssertTrue(out.stderr.contains("periods.json"), out.stderr)
    }
}
