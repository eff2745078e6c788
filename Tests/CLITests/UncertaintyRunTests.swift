import Foundation
import TestSupport
import XCTest

/// The `spells` bootstrap with measurement errors and uncertain starts through
/// `transborder run`, as real processes: same bytes for any number of workers,
/// support and weak flags in every output, and bad uncertainty input refused.
final class UncertaintyRunTests: XCTestCase {
    static let tinyJob = URL(fileURLWithPath: RunAnalysisTests.tinyJob)

    /// The tiny job rewritten as tie spells (one per pair, layer and weight phase), trade
    /// rows ±20 %, the corridors' second spells started ±1 year, and `bootstrap` as given.
    func spellJob(
        bootstrap: String = "{scheme: spells, replicates: 30, seed: 7, batch_size: 4, measurement: true, rho: 0.7}",
        editRow: ((inout [String]) -> Void)? = nil
    ) throws -> URL {
        let dir = try Fixtures.temporaryDirectory("spells")
        try FileManager.default.copyItem(
            at: Self.tinyJob.appendingPathComponent("places.csv"),
            to: dir.appendingPathComponent("places.csv"))
        let lines = try String(contentsOf: Self.tinyJob.appendingPathComponent("links.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst()
        var spans: [String: (first: Int, last: Int)] = [:]
        var order: [String] = []
        for line in lines {
            let f = line.split(separator: ",").map(String.init)
            let key = [f[0], f[1], f[3], f[4]].joined(separator: ",")
            let year = Int(f[2])!
            if let span = spans[key] {
                spans[key] = (min(span.first, year), max(span.last, year))
            } else {
                spans[key] = (year, year)
                order.append(key)
            }
        }
        var rows: [[String]] = []
        for key in order {
            let k = key.split(separator: ",").map(String.init)
            let span = spans[key]!
            rows.append([
                k[0], k[1], String(span.first), span.last == 2009 ? "" : String(span.last), k[2], k[3],
                k[2] == "trade" ? "0.2" : "", k[2] == "transport_corridor" && span.first > 2000 ? "1" : "",
            ])
        }
        if let editRow { editRow(&rows[0]) }
        let csv =
            "source,target,start,end,layer,weight,rel_error,date_uncertainty\n"
            + rows.map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n"
        try csv.write(to: dir.appendingPathComponent("links.csv"), atomically: true, encoding: .utf8)
        let spec =
            try String(contentsOf: Self.tinyJob.appendingPathComponent("job.yaml"), encoding: .utf8)
            .split(separator: "\n").map { $0.hasPrefix("bootstrap:") ? "bootstrap: \(bootstrap)" : String($0) }
            .joined(separator: "\n") + "\n"
        try spec.write(to: dir.appendingPathComponent("job.yaml"), atomically: true, encoding: .utf8)
        return dir
    }

    func run(_ job: URL, workers: Int) throws -> [String: Data] {
        let out = try Fixtures.temporaryDirectory("out\(workers)").appendingPathComponent("out")
        let result = try runTransborder(["run", job.path, "--workers", String(workers), "--out", out.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: out.path) where name != "manifest.json" {
            files[name] = try Data(contentsOf: out.appendingPathComponent(name))
        }
        return files
    }

    func testSameBytesForAnyNumberOfWorkers() throws {
        let job = try spellJob()
        let reference = try run(job, workers: 0)
        for workers in [1, 2, 3] {
            XCTAssertEqual(try run(job, workers: workers), reference, "\(workers) workers")
        }
        let periods = try XCTUnwrap(JSONSerialization.jsonObject(with: reference["periods.json"] ?? Data()) as? [String: Any])
        let stages = try XCTUnwrap(periods["periods"] as? [[String: Any]])
        XCTAssertEqual(stages.map { $0["start"] as? Int }, [2000, 2005])
        XCTAssertTrue(stages[0]["start_support"] is NSNull)
        XCTAssertEqual(stages[1]["start_support"] as? Double, 1, "every replicate keeps the tiny job's 2005 step")
        XCTAssertEqual(stages[1]["weak"] as? Bool, false)
        let bootstrap = try XCTUnwrap(periods["bootstrap"] as? [String: Any])
        XCTAssertEqual(bootstrap["scheme"] as? String, "spells")
        XCTAssertEqual(bootstrap["match_window"] as? Int, 2)
        let table = String(decoding: reference["indicators_by_year.csv"] ?? Data(), as: UTF8.self)
        XCTAssertTrue(table.hasPrefix("year,stage,indicator,value,bootstrap_median,band_lo95,band_hi95,band_lo90,band_hi90\n"))
        // Every share's band stays within [0, 1]; every band holds its 90 % band.
        for line in table.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let (lo95, hi95, lo90, hi90) = (Double(f[5])!, Double(f[6])!, Double(f[7])!, Double(f[8])!)
            XCTAssertLessThanOrEqual(lo95, lo90 + 1e-12, String(line))
            XCTAssertLessThanOrEqual(lo90, hi90, String(line))
            XCTAssertLessThanOrEqual(hi90, hi95 + 1e-12, String(line))
            if f[2].contains("share") { XCTAssertTrue(lo95 >= 0 && hi95 <= 1, String(line)) }
        }
    }

    /// A transition that most replicates miss is flagged weak in periods.csv and by `summary`.
    func testWeakTransitionIsFlaggedInPeriodsAndSummary() throws {
        // Two forced breaks where the data have one step, and an exact match window:
        // the forced transition lands on other years in most replicates. The dating blur
        // is off: it confines the forced break (METHODS §4), and this test is about the flag.
        let job = try spellJob(bootstrap: "{scheme: spells, replicates: 30, seed: 7, batch_size: 4, match_window: 0}")
        var spec = try String(contentsOf: job.appendingPathComponent("job.yaml"), encoding: .utf8)
        spec =
            spec.split(separator: "\n").map {
                $0.hasPrefix("stages:")
                    ? "stages: {method: dynp, cost: l2, breaks: 2, penalty: bic, min_size: 2, standardize: true, date_blur: false, indicators: []}"
                    : String($0)
            }.joined(separator: "\n") + "\n"
        try spec.write(to: job.appendingPathComponent("job.yaml"), atomically: true, encoding: .utf8)
        let out = try Fixtures.temporaryDirectory("weak").appendingPathComponent("out")
        let result = try runTransborder(["run", job.path, "--workers", "0", "--out", out.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        let csv = try String(contentsOf: out.appendingPathComponent("periods.csv"), encoding: .utf8)
        let rows = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        XCTAssertEqual(rows[0].suffix(2).map(String.init), ["start_support", "weak"], "the last two columns")
        XCTAssertEqual(rows.count, 4, "three stages")
        var weakStarts: [String] = []
        for row in rows.dropFirst(2) {  // (stage names may hold commas: read from the end)
            let share = try XCTUnwrap(Double(String(row[row.count - 2])))
            XCTAssertEqual(String(row[row.count - 1]), String(share < 0.5))
            if share < 0.5 { weakStarts.append(String(row[1])) }
        }
        XCTAssertFalse(weakStarts.isEmpty, "the forced extra transition is not reproduced: \(csv)")
        let summary = try runTransborder(["summary", out.path])
        XCTAssertEqual(summary.status, 0, summary.stderr)
        XCTAssertTrue(summary.stdout.contains("replicates' number of stages: "), summary.stdout)
        for start in weakStarts {
            XCTAssertTrue(summary.stdout.contains("start \(start),"), summary.stdout)
        }
        XCTAssertEqual(summary.stdout.components(separatedBy: "WEAK").count - 1, weakStarts.count, summary.stdout)
        let report = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        XCTAssertTrue(report.contains("class=\"whisker weak\""), "weak transitions are drawn apart")
        XCTAssertTrue(report.contains("Number of stages over the 30 replicates (baseline: 3): "), "stage counts beside the intervals")
        // transitions.csv carries the same support and flag as periods.csv, one row per transition.
        let transitions = try String(contentsOf: out.appendingPathComponent("transitions.csv"), encoding: .utf8)
        let lines = transitions.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        XCTAssertEqual(lines[0].suffix(2), ["support", "weak"])
        for row in rows.dropFirst(2) {
            let start = String(row[1])
            let matching = lines.dropFirst().filter { $0[1] == start }
            XCTAssertEqual(matching.count, 1, start)
            for line in matching {
                XCTAssertEqual(line[line.count - 2], String(row[row.count - 2]), "support of \(start)")
                XCTAssertEqual(line[line.count - 1], String(row[row.count - 1]), "weak flag of \(start)")
            }
        }
    }

    /// The corridors' second spells start in 2005 dated ±1: the 2005 transition is fitted
    /// without 2004 and 2005 (METHODS §4), and every output says so; date_blur: false does not.
    func testDateBlurIsReportedAtEachStart() throws {
        for blurred in [true, false] {
            let job = try spellJob()
            if !blurred {
                let spec = try String(contentsOf: job.appendingPathComponent("job.yaml"), encoding: .utf8)
                    .replacingOccurrences(of: "standardize: true,", with: "standardize: true, date_blur: false,")
                try spec.write(to: job.appendingPathComponent("job.yaml"), atomically: true, encoding: .utf8)
            }
            let out = try Fixtures.temporaryDirectory("blur").appendingPathComponent("out")
            let result = try runTransborder(["run", job.path, "--workers", "0", "--out", out.path])
            XCTAssertEqual(result.status, 0, result.stderr)
            let json = try XCTUnwrap(
                JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("periods.json")))
                    as? [String: Any])
            let periods = try XCTUnwrap(json["periods"] as? [[String: Any]])
            XCTAssertEqual(periods.count, 2)
            XCTAssertTrue(periods[0]["start_date_blur"] is NSNull, "stage 1 has no start boundary")
            XCTAssertEqual(periods[1]["start"] as? Int, 2005)
            XCTAssertEqual(periods[1]["start_date_blur"] as? Int, blurred ? 1 : 0)
            let csv = try String(contentsOf: out.appendingPathComponent("periods.csv"), encoding: .utf8)
            let rows = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
            // Stage names may hold commas: read the column by its place from the end.
            XCTAssertEqual(rows[0].suffix(4).first, "start_date_blur")
            XCTAssertEqual(rows.dropFirst().map { String($0[$0.count - 4]) }, ["", blurred ? "1" : "0"])
            let summary = try runTransborder(["summary", out.path])
            XCTAssertEqual(summary.stdout.contains("ties dated ±1y"), blurred, summary.stdout)
        }
    }

    func testBadUncertaintyInputExitsTwoNamingFileLineAndField() throws {
        let cases: [(URL, String, String)] = [
            (try spellJob(editRow: { $0[6] = "-0.1" }), "links.csv:2", "rel_error"),
            (try spellJob(editRow: { $0[7] = "1.5" }), "links.csv:2", "date_uncertainty"),
            (try spellJob(bootstrap: "{scheme: tie, replicates: 5}"), "job.yaml:", "bootstrap.scheme"),
            (try spellJob(bootstrap: "{scheme: spells, rho: 1.2}"), "job.yaml:", "bootstrap.rho"),
            (try spellJob(bootstrap: "{scheme: spells, match_window: -1}"), "job.yaml:", "bootstrap.match_window"),
            (try spellJob(bootstrap: "{scheme: spells, measurement: maybe}"), "job.yaml:", "bootstrap.measurement"),
        ]
        for (job, location, field) in cases {
            let out = job.appendingPathComponent("out")
            let result = try runTransborder(["run", job.path, "--workers", "0", "--out", out.path])
            XCTAssertEqual(result.status, 2, "\(field): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains(location), "\(field): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains(field), result.stderr)
            XCTAssertFalse(FileManager.default.fileExists(atPath: out.path), "nothing may be written")
        }
    }
}
