import Foundation
import TestSupport
import XCTest

/// `transborder validate JOB` as a process: exit 0 and a summary on a good job,
/// exit 2 and every issue on stderr on a bad one, nothing written either way.
final class ValidateCommandTests: XCTestCase {
    /// A copy of a committed input folder in a fresh temporary folder.
    private func copy(_ name: String) throws -> URL {
        let folder = try Fixtures.temporaryDirectory("validate").appendingPathComponent(name)
        try FileManager.default.copyItem(at: Fixtures.url("inputs/\(name)"), to: folder)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        return folder
    }

    /// Every file below `folder` with its bytes.
    private func snapshot(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let paths = FileManager.default.subpaths(atPath: folder.path) ?? []
        for path in paths {
            files[path] = try? Data(contentsOf: folder.appendingPathComponent(path))
        }
        return files
    }

    func testGoodJobExitsZeroWithASummary() throws {
        let folder = try copy("good")
        let before = try snapshot(folder.deletingLastPathComponent())
        let result = try runTransborder(["validate", "good"], cwd: folder.deletingLastPathComponent())
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stderr, "")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "good/job.yaml: job 'inputs-good' is valid")
        XCTAssertTrue(lines.contains("  places     6 (CN 3, RU 3; national 2, regional 3, local 1)"), result.stdout)
        XCTAssertTrue(lines.contains("  links      50 (3 estimated), undirected"), result.stdout)
        XCTAssertTrue(lines.contains("  years      2000–2009 (10)"), result.stdout)
        XCTAssertTrue(lines.contains("  layers     institutional, trade, transport_corridor"), result.stdout)
        XCTAssertTrue(lines.contains("  scenarios  6 (baseline 1, leave_layer_out 3, leave_region_out 2)"), result.stdout)
        XCTAssertEqual(try snapshot(folder.deletingLastPathComponent()), before)
    }

    func testSpecFileAndJSONSpec() throws {
        let folder = try copy("good")
        var result = try runTransborder(["validate", folder.appendingPathComponent("job.yaml").path])
        XCTAssertEqual(result.status, 0, result.stderr)
        let json = """
            {"name": "as-json", "years": {"first": 2000, "last": 2009},
             "data": {"places": "places.csv", "links": "links.csv"}, "bootstrap": {"replicates": 0}}
            """
        try FileManager.default.removeItem(at: folder.appendingPathComponent("job.yaml"))
        try Data(json.utf8).write(to: folder.appendingPathComponent("job.json"))
        result = try runTransborder(["validate", folder.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.hasPrefix(folder.path + "/job.json: job 'as-json' is valid"), result.stdout)
    }

    func testBadJobExitsTwoListingEveryIssue() throws {
        let folder = try copy("bad")
        let before = try snapshot(folder.deletingLastPathComponent())
        let result = try runTransborder(["validate", "bad"], cwd: folder.deletingLastPathComponent())
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.stdout, "")
        let located = result.stderr.split(separator: "\n").map { line in
            String(line.prefix { $0 != "'" })
        }
        XCTAssertEqual(
            located,
            [
                "error: bad/job.yaml:5: field ",
                "error: bad/job.yaml:4: field ",
                "error: bad/places.csv:3: field ",
                "error: bad/places.csv:4: field ",
                "error: bad/places.csv:5: field ",
                "error: bad/links.csv:3: field ",
                "error: bad/links.csv:4: field ",
                "error: bad/links.csv:5: field ",
                "error: bad/links.csv:5: field ",
                "error: bad/links.csv:6: field ",
            ], result.stderr)
        for expected in [
            "bad/job.yaml:5: field 'bootstrap.replicates': must be at least 0, found -1",
            "bad/job.yaml:4: field 'stages.min_size': min_size 6 is too large for 10 years",
            "bad/places.csv:3: field 'scale': unknown scale 'oblast' (allowed: national, regional, local)",
            "bad/places.csv:4: field 'id': duplicate place id 'heihe' (first defined on line 2)",
            "bad/places.csv:5: field 'lon': 926.53 is outside [-180, 180] degrees",
            "bad/links.csv:3: field 'year': year 1999 is outside the job's years 2000–2009",
            "bad/links.csv:4: field 'target': unknown place id 'suifenhe'",
            "bad/links.csv:5: field 'layer': 'Trade' is not a valid layer name",
            "bad/links.csv:5: field 'weight': NaN is not a weight",
            "bad/links.csv:6: field 'target': self-loop",
        ] {
            XCTAssertTrue(result.stderr.contains(expected), "missing: \(expected)\n\(result.stderr)")
        }
        XCTAssertEqual(try snapshot(folder.deletingLastPathComponent()), before)
    }

    func testUnknownRegionOnceTheDataIsGood() throws {
        let folder = try copy("good")
        let spec = folder.appendingPathComponent("job.yaml")
        let text = try String(contentsOf: spec, encoding: .utf8)
            .replacingOccurrences(of: "[Heilongjiang, Amur Oblast]", with: "[Heilongjiang, Amur]")
        try Data(text.utf8).write(to: spec)
        let result = try runTransborder(["validate", folder.path])
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(
            result.stderr,
            "error: \(spec.path):8: field 'sensitivity.leave_one_region_out[1]': "
                + "unknown region 'Amur' (did you mean 'Amur Oblast'?); the panel's regions: "
                + "Amur Oblast, Beijing, Heilongjiang, Khabarovsk Krai, Moscow\n")
    }

    func testMissingJob() throws {
        let result = try runTransborder(["validate", "/nonexistent/job.yaml"])
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(
            result.stderr,
            "error: /nonexistent/job.yaml: no such file or folder (expected a job spec or a folder holding one)\n")
    }
}
