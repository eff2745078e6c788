import CSV
import Foundation
import TestSupport
import XCTest

/// The embedded default job (jobs/heilongjiang-far-east) traces back to its facts:
/// every row of links.csv names, in `event_ref`, existing lines of the fact tables,
/// and every event or volume it names is about the row's pair (RULES.md section 8);
/// every fact row read as a tie is behind at least one row. Read independently of
/// the builder, with CSV.swift. The builder itself is run as a process: it reproduces
/// the committed files, and stops (exit 2, nothing written) when a reading is missing.
final class DefaultJobTraceTests: XCTestCase {
    static let job = Fixtures.repositoryRoot.appendingPathComponent("jobs/heilongjiang-far-east")

    /// A CSV file as (line number, fields by column) rows; line 1 is the header.
    /// Fails if a field spans lines, since line numbers would then be wrong.
    static func table(_ url: URL) throws -> [(line: Int, fields: [String: String])] {
        let text = try String(contentsOf: url, encoding: .utf8)
        let reader = try CSVReader(string: text, hasHeaderRow: true)
        let header = reader.headerRow ?? []
        var rows: [(line: Int, fields: [String: String])] = []
        var line = 1
        while let values = reader.next() {
            line += 1
            if values.count == 1 && values[0].isEmpty { continue }
            XCTAssertFalse(values.contains { $0.contains("\n") || $0.contains("\r") }, "\(url.lastPathComponent):\(line)")
            rows.append((line, Dictionary(uniqueKeysWithValues: zip(header, values))))
        }
        return rows
    }

    static func pair(_ a: String, _ b: String) -> String { a < b ? "\(a)|\(b)" : "\(b)|\(a)" }

    /// What `event_ref` may name: line → pair for events and port volumes (the pair of
    /// a volume row is the one its reading names), the set of trade lines.
    struct Facts {
        var events: [Int: String] = [:]
        var volumes: [Int: String] = [:]
        var trade: Set<Int> = []
        /// events/ports refs of rows read `opens` or `act` (each must be behind a link row).
        var ties: Set<String> = []
    }

    static func facts() throws -> Facts {
        var facts = Facts()
        let readings = try table(job.appendingPathComponent("event_readings.csv"))
        var readingByKey: [String: String] = [:]
        for r in readings {
            readingByKey["\(r.fields["year"]!)|\(r.fields["event_type"]!)|\(r.fields["from_id"]!)|\(r.fields["to_id"]!)"] =
                r.fields["reading"]
        }
        for row in try table(job.appendingPathComponent("facts/events.csv")) {
            let f = row.fields
            facts.events[row.line] = pair(f["from_id"]!, f["to_id"]!)
            let reading = readingByKey["\(f["year"]!)|\(f["event_type"]!)|\(f["from_id"]!)|\(f["to_id"]!)"]
            if reading == "opens" || reading == "act" { facts.ties.insert("events:\(row.line)") }
        }
        var volumeReadings: [String: [String: String]] = [:]
        for r in try table(job.appendingPathComponent("volume_readings.csv")) {
            volumeReadings["\(r.fields["year"]!)|\(r.fields["port_id"]!)|\(r.fields["unit"]!)"] = r.fields
        }
        for row in try table(job.appendingPathComponent("facts/port_volumes_by_year.csv")) {
            let f = row.fields
            guard let r = volumeReadings["\(f["year"]!)|\(f["port_id"]!)|\(f["unit"]!)"] else { continue }
            facts.volumes[row.line] = pair(r["from_id"]!, r["to_id"]!)
            if r["reading"] == "opens" { facts.ties.insert("ports:\(row.line)") }
        }
        facts.trade = Set(try table(job.appendingPathComponent("facts/trade_by_year.csv")).map(\.line))
        return facts
    }

    /// Every problem of tracing `links` to `facts`, one line each (empty = all trace).
    static func problems(_ links: [(line: Int, fields: [String: String])], _ facts: Facts) -> [String] {
        var problems: [String] = []
        var behind = Set<String>()
        for row in links {
            let f = row.fields
            let rowPair = pair(f["source"] ?? "", f["target"] ?? "")
            let refs = (f["event_ref"] ?? "").split(separator: ";").map(String.init)
            if refs.isEmpty { problems.append("links.csv:\(row.line): no event_ref") }
            var tradeRefs = 0
            for ref in refs {
                behind.insert(ref)
                let parts = ref.split(separator: ":")
                guard parts.count == 2, let n = Int(parts[1]) else {
                    problems.append("links.csv:\(row.line): '\(ref)' is not table:line")
                    continue
                }
                switch parts[0] {
                case "events":
                    if let p = facts.events[n] {
                        if p != rowPair { problems.append("links.csv:\(row.line): \(ref) is about \(p), not \(rowPair)") }
                    } else {
                        problems.append("links.csv:\(row.line): \(ref) names no line of facts/events.csv")
                    }
                case "ports":
                    if let p = facts.volumes[n] {
                        if p != rowPair { problems.append("links.csv:\(row.line): \(ref) is read as \(p), not \(rowPair)") }
                    } else {
                        problems.append("links.csv:\(row.line): \(ref) names no line of facts/port_volumes_by_year.csv")
                    }
                case "trade":
                    tradeRefs += 1
                    if !facts.trade.contains(n) {
                        problems.append("links.csv:\(row.line): \(ref) names no line of facts/trade_by_year.csv")
                    }
                default:
                    problems.append("links.csv:\(row.line): unknown table in '\(ref)'")
                }
            }
            if f["layer"] == "trade" && tradeRefs == 0 {
                problems.append("links.csv:\(row.line): a trade row with no trade_by_year.csv row behind it")
            }
        }
        for tie in facts.ties.sorted() where !behind.contains(tie) {
            problems.append("\(tie) is read as a tie but no row of links.csv names it")
        }
        return problems
    }

    func testEveryLinkRowTracesToFactRows() throws {
        let links = try Self.table(Self.job.appendingPathComponent("links.csv"))
        XCTAssertGreaterThan(links.count, 200)
        XCTAssertEqual(Self.problems(links, try Self.facts()), [])
    }

    /// The check finds a dangling line, a row of another pair, a trade row without a
    /// trade figure, and a tie that no row names.
    func testTheTraceCheckCanFail() throws {
        var links = try Self.table(Self.job.appendingPathComponent("links.csv"))
        let facts = try Self.facts()
        let trade = try XCTUnwrap(links.firstIndex { $0.fields["layer"] == "trade" })
        links[trade].fields["event_ref"] = "events:9999"
        let spell = try XCTUnwrap(links.firstIndex { $0.fields["layer"] == "industrial_park" })
        let otherEvent = try XCTUnwrap(
            facts.events.first { $0.value != Self.pair(links[spell].fields["source"]!, links[spell].fields["target"]!) })
        let dropped = links[spell].fields["event_ref"]!
        links[spell].fields["event_ref"] = "events:\(otherEvent.key)"
        let found = Self.problems(links, facts)
        XCTAssertTrue(found.contains { $0.contains("events:9999 names no line") }, "\(found)")
        XCTAssertTrue(found.contains { $0.contains("a trade row with no trade_by_year.csv row") }, "\(found)")
        XCTAssertTrue(found.contains { $0.contains("events:\(otherEvent.key) is about") }, "\(found)")
        for ref in dropped.split(separator: ";") where facts.ties.contains(String(ref)) {
            XCTAssertTrue(found.contains { $0.hasPrefix("\(ref) is read as a tie") }, "\(ref): \(found)")
        }
    }

    var builder: URL { Fixtures.binary.deletingLastPathComponent().appendingPathComponent("build-default-job") }

    /// Exit status and stderr of the builder run on `job`.
    func runBuilder(_ job: URL) throws -> (status: Int32, stderr: String) {
        let result = try runProgram(
            builder,
            [
                "--facts", job.appendingPathComponent("facts").path,
                "--readings", job.appendingPathComponent("event_readings.csv").path,
                "--volume-readings", job.appendingPathComponent("volume_readings.csv").path,
                "--out", job.path, "--first-year", "1988",
            ])
        return (result.status, result.stderr)
    }

    func copyOfJob() throws -> URL {
        let copy = try Fixtures.temporaryDirectory("defaultjob").appendingPathComponent("job")
        try FileManager.default.copyItem(at: Self.job, to: copy)
        return copy
    }

    func testBuilderReproducesTheCommittedJob() throws {
        let copy = try copyOfJob()
        for name in ["links.csv", "places.csv"] { try FileManager.default.removeItem(at: copy.appendingPathComponent(name)) }
        let result = try runBuilder(copy)
        XCTAssertEqual(result.status, 0, result.stderr)
        for name in ["links.csv", "places.csv"] {
            XCTAssertEqual(
                try Data(contentsOf: copy.appendingPathComponent(name)),
                try Data(contentsOf: Self.job.appendingPathComponent(name)), name)
        }
        XCTAssertTrue(result.stderr.contains("ties per layer"), result.stderr)
    }

    /// An event row without a reading stops the build, naming the fact row, and leaves
    /// the previous outputs untouched.
    func testBuilderRefusesAnUnreadEvent() throws {
        let copy = try copyOfJob()
        let readings = copy.appendingPathComponent("event_readings.csv")
        var lines = try String(contentsOf: readings, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let removed = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("2014,park_established,mudanjiang,longyue_amur_park,") })
        lines.remove(at: removed)
        try lines.joined(separator: "\n").write(to: readings, atomically: true, encoding: .utf8)
        let before = try Data(contentsOf: copy.appendingPathComponent("links.csv"))
        let result = try runBuilder(copy)
        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertTrue(result.stderr.contains("facts/events.csv:"), result.stderr)
        XCTAssertTrue(
            result.stderr.contains("no reading in event_readings.csv for 2014,park_established,mudanjiang,longyue_amur_park"),
            result.stderr)
        XCTAssertEqual(try Data(contentsOf: copy.appendingPathComponent("links.csv")), before)
    }
}
