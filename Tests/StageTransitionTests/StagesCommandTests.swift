import Foundation
import TestSupport
import XCTest

/// `transborder stages` end to end: the built binary on CSV files.
final class StagesCommandTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = try Fixtures.temporaryDirectory("stages")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private func write(_ text: String, _ name: String = "series.csv") throws -> String {
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// `t` = 1988 + row; values with full precision.
    private func csv(_ fixture: RupturesFixture, lineEnd: String = "\n") -> String {
        var text = "t," + (0..<fixture.dims).map { "x\($0)" }.joined(separator: ",") + lineEnd
        for (row, values) in fixture.signal.enumerated() {
            text += "\(1988 + row)," + values.map(\.description).joined(separator: ",") + lineEnd
        }
        return text
    }

    private func arguments(_ fixture: RupturesFixture, path: String) -> [String] {
        var args = ["stages", path, "--cost", fixture.params.model, "--min-size", String(fixture.params.minSize)]
        if !fixture.standardize { args.append("--no-standardize") }
        let penalty = fixture.params.penaltyName == "bic" ? "bic_unit" : fixture.params.pen.map(\.description)
        switch fixture.params.algorithm {
        case "dynp": args += ["--breaks", String(fixture.params.nBkps ?? -1)]
        case "dynp_auto": args += ["--max-breaks", String(fixture.params.maxBreaks ?? -1), "--penalty", penalty ?? "?"]
        default: args += ["--method", "pelt", "--penalty", penalty ?? "?"]
        }
        return args
    }

    private struct Output: Decodable {
        struct Period: Decodable, Equatable {
            var start: Int
            var end: Int
        }
        var breakpoints: [Int]
        var periods: [Period]
        var cost: Double
    }

    func testJsonEqualsRupturesOnEveryFixture() throws {
        for fixture in try RupturesFixture.all() {
            let path = try write(csv(fixture))
            let result = try runTransborder(arguments(fixture, path: path))
            XCTAssertEqual(result.status, 0, "\(fixture.name): \(result.stderr)")
            let output = try JSONDecoder().decode(Output.self, from: Data(result.stdout.utf8))
            XCTAssertEqual(output.breakpoints, fixture.expectedBreakpoints, fixture.name)
            var start = 0
            let periods = output.breakpoints.map { end in
                defer { start = end }
                return Output.Period(start: 1988 + start, end: 1988 + end - 1)
            }
            XCTAssertEqual(output.periods, periods, fixture.name)
            let scale = max(abs(fixture.cost), fixture.segmentCosts.reduce(0) { $0 + abs($1) })
            XCTAssertLessThanOrEqual(abs(output.cost - fixture.cost), 1e-8 * scale, fixture.name)
        }
    }

    func testByteOrderMarkAndCrlfAreAccepted() throws {
        let fixture = try XCTUnwrap(RupturesFixture.all().first { $0.name == "n37_d3_dynp_l2_k3_m3" })
        let plain = try runTransborder(arguments(fixture, path: write(csv(fixture), "plain.csv")))
        let crlf = try runTransborder(arguments(fixture, path: write("\u{FEFF}" + csv(fixture, lineEnd: "\r\n"), "crlf.csv")))
        XCTAssertEqual(plain.status, 0, plain.stderr)
        XCTAssertEqual(crlf.status, 0, crlf.stderr)
        XCTAssertEqual(crlf.stdout, plain.stdout)
    }

    func testCsvFormatListsPeriodsWhoseCostsSumToTheTotal() throws {
        let fixture = try XCTUnwrap(RupturesFixture.all().first { $0.name == "n37_d6_dynp_l2_k4_m5" })
        let path = try write(csv(fixture))
        let json = try JSONDecoder().decode(Output.self, from: Data(try runTransborder(arguments(fixture, path: path)).stdout.utf8))
        let result = try runTransborder(arguments(fixture, path: path) + ["--format", "csv"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = result.stdout.split(whereSeparator: \.isNewline).map(String.init)
        XCTAssertEqual(lines.first, "period,start,end,end_index,cost")
        XCTAssertEqual(lines.count, json.breakpoints.count + 1)
        var total = 0.0
        for (index, line) in lines.dropFirst().enumerated() {
            let fields = line.split(separator: ",").map(String.init)
            XCTAssertEqual(fields[0], String(index + 1))
            XCTAssertEqual(Int(fields[1]), json.periods[index].start)
            XCTAssertEqual(Int(fields[2]), json.periods[index].end)
            XCTAssertEqual(Int(fields[3]), json.breakpoints[index])
            total += try XCTUnwrap(Double(fields[4]))
        }
        XCTAssertEqual(total, json.cost, accuracy: 1e-12 * max(1, abs(json.cost)))
    }

    func testDefaultsAreDynpWithBicAndMbicAndPeltAgreeOnClearSteps() throws {
        var text = "year,a,b\n"
        for year in 1988...2024 {
            let level = year < 2000 ? 0.0 : year < 2013 ? 5.0 : 10.0
            text += "\(year),\(level + 0.01 * Double(year % 3)),\(-level + 0.02 * Double(year % 2))\n"
        }
        let path = try write(text)
        for extra in [[], ["--penalty", "mbic"], ["--method", "pelt"], ["--method", "pelt", "--penalty", "mbic"]] {
            let result = try runTransborder(["stages", path] + extra)
            XCTAssertEqual(result.status, 0, result.stderr)
            let output = try JSONDecoder().decode(Output.self, from: Data(result.stdout.utf8))
            XCTAssertEqual(output.breakpoints, [12, 25, 37], "\(extra)")
            XCTAssertEqual(output.periods, [.init(start: 1988, end: 1999), .init(start: 2000, end: 2012), .init(start: 2013, end: 2024)])
        }
    }

    private func assertInputError(
        _ text: String, _ extra: [String] = [], contains expected: String,
        file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let path = try write(text)
        let result = try runTransborder(["stages", path] + extra)
        XCTAssertEqual(result.status, 2, result.stderr, file: file, line: line)
        XCTAssertEqual(result.stdout, "", file: file, line: line)
        XCTAssertTrue(result.stderr.contains(path + expected), "stderr: \(result.stderr)", file: file, line: line)
    }

    func testBadInputIsReportedWithFileLineAndField() throws {
        try assertInputError("time,x\n1,2\n", contains: ":1: field 'time': the first column must be year (or t")
        try assertInputError("t\n1\n2\n", contains: ":1: no indicator column")
        try assertInputError("t,x,x\n1,2,3\n", contains: ":1: field 'x': duplicated column")
        try assertInputError("t,x\n1,2\n2,abc\n3,4\n", contains: ":3: field 'x': 'abc' is not a number")
        try assertInputError("t,x\r\n1,2\r\n2,NaN\r\n", contains: ":3: field 'x': NaN is not a finite number")
        try assertInputError("t,x\n1,2\n\n3,\n", contains: ":4: field 'x': empty cell")
        try assertInputError("t,x\n1,2\n2,3,4\n", contains: ":3: expected 2 fields")
        try assertInputError("t,x\n2,1\n1,2\n", contains: ":3: field 't': t must increase strictly")
        try assertInputError("t,x\n", contains: ":2: no data rows")
        try assertInputError("", contains: ":1: empty file")
        try assertInputError(
            "t,x\n1,1\n2,2\n3,3\n", ["--min-size", "4"], contains: ": the series has 3 rows, fewer than the minimum segment length 4")
        try assertInputError(
            "t,x\n1,1\n2,2\n3,3\n4,4\n", ["--breaks", "2", "--min-size", "2"], contains: ": 2 breaks need at least 6 rows")
        let missing = folder.appendingPathComponent("absent.csv").path
        let result = try runTransborder(["stages", missing])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("\(missing): no such file"), result.stderr)
    }

    func testContradictoryOptionsAreRejected() throws {
        let path = try write("t,x\n1,1\n2,2\n3,3\n4,4\n5,5\n6,6\n")
        for bad in [
            ["--method", "pelt", "--breaks", "1"], ["--breaks", "1", "--penalty", "bic"],
            ["--penalty", "-3"], ["--penalty", "often"], ["--method", "pelt", "--max-breaks", "2"],
            ["--min-size", "0"], ["--cost", "l1"],
        ] {
            let result = try runTransborder(["stages", path] + bad)
            XCTAssertNotEqual(result.status, 0, "\(bad)")
            XCTAssertEqual(result.stdout, "", "\(bad)")
        }
    }
}

/// `stages --penalty-path`: the JSON path agrees with `stages --penalty VALUE`
/// run inside each of its intervals (an independent path through the CLI).
final class PenaltyPathCommandTests: XCTestCase {
    struct Path: Decodable {
        struct Segment: Decodable {
            var penalty_lo: Double
            var penalty_hi: Double
            var stages: Int
            var transitions: [Int]
        }
        var chosen_penalty: Double
        var path: [Segment]
    }

    func testEveryIntervalGivesItsSegmentation() throws {
        var text = "t,a,b\n"
        for year in 1988...2024 {
            let level = year < 2000 ? 0.0 : year < 2013 ? 1.0 : 2.5
            text += "\(year),\(level + 0.3 * sin(Double(year))),\(-level + 0.4 * cos(Double(3 * year)))\n"
        }
        let dir = try Fixtures.temporaryDirectory("penalty-path")
        let file = dir.appendingPathComponent("series.csv")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let result = try runTransborder(["stages", file.path, "--penalty-path", "--penalty", "bic_unit"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let doc = try JSONDecoder().decode(Path.self, from: Data(result.stdout.utf8))
        XCTAssertGreaterThan(doc.path.count, 1, "a path with several segmentations")
        for segment in doc.path {
            let middle = (segment.penalty_lo + segment.penalty_hi) / 2
            let run = try runTransborder(["stages", file.path, "--penalty", String(middle)])
            XCTAssertEqual(run.status, 0, run.stderr)
            let periods = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
            let starts = (periods["periods"] as? [[String: Any]] ?? []).dropFirst().compactMap { $0["start"] as? Int }
            XCTAssertEqual(starts, segment.transitions, "penalty \(middle)")
        }
    }
}
