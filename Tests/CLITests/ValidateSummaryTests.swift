import Foundation
import TestSupport
import XCTest

/// `validate` tells what a job holds (text and JSON), warns about coordinates that do not
/// fit their country, refuses a data file passed as the spec in one line; `summary --format json`.
final class ValidateSummaryTests: XCTestCase {
    static let tinyJob = RunAnalysisTests.tinyJob

    /// CSV rows as dictionaries (quoted fields with commas and doubled quotes; no line breaks in fields).
    func rows(_ path: String) throws -> [[String: String]] {
        func fields(_ line: String) -> [String] {
            var out: [String] = []
            var field = ""
            var quoted = false
            var previous: Character = " "
            for c in line {
                if c == "\"" {
                    if quoted && previous == "\"" { field.append("\"") }
                    quoted.toggle()
                } else if c == "," && !quoted {
                    out.append(field)
                    field = ""
                } else {
                    field.append(c)
                }
                previous = c
            }
            return out + [field]
        }
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        let header = fields(lines[0])
        return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, fields($0))) }
    }

    /// The JSON summary against numbers counted here from places.csv and links.csv
    /// (link-years: spell rows expanded over the years they cover).
    func testValidateJSONSummaryMatchesTheFiles() throws {
        for job in [Self.tinyJob, Fixtures.repositoryRoot.appendingPathComponent("jobs/heilongjiang-far-east").path] {
            let result = try runTransborder(["validate", job, "--format", "json"])
            XCTAssertEqual(result.status, 0, result.stderr)
            let doc = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            let places = try rows(job + "/places.csv")
            // One entry per link-year: a spell row (start, end; empty end = the last year)
            // counts once for every year it covers, as the loader expands it.
            let years = try XCTUnwrap(doc["years"] as? [Int])
            let links = try rows(job + "/links.csv").flatMap { row -> [[String: String]] in
                guard (row["year"] ?? "").isEmpty, let start = row["start"].flatMap({ Int($0) }) else { return [row] }
                let end = row["end"].flatMap { Int($0) } ?? years[1]
                return Array(repeating: row, count: max(0, end - start + 1))
            }
            XCTAssertEqual(doc["places"] as? Int, places.count)
            XCTAssertEqual(
                doc["places_by_country"] as? [String: Int],
                Dictionary(grouping: places, by: { $0["country"] ?? "" }).mapValues(\.count))
            XCTAssertEqual(
                doc["places_by_region"] as? [String: Int],
                Dictionary(grouping: places, by: { $0["region"] ?? "" }).mapValues(\.count))
            XCTAssertEqual(doc["link_rows"] as? Int, links.count)
            let layers = try XCTUnwrap(doc["layers"] as? [[String: Any]])
            for layer in layers {
                let name = try XCTUnwrap(layer["layer"] as? String)
                let ofLayer = links.filter { $0["layer"] == name }
                XCTAssertEqual(layer["rows"] as? Int, ofLayer.count, name)
                XCTAssertEqual(layer["pairs"] as? Int, Set(ofLayer.map { [$0["source"] ?? "", $0["target"] ?? ""].sorted() }).count, name)
            }
            XCTAssertEqual(Set(layers.compactMap { $0["layer"] as? String }), Set(links.compactMap { $0["layer"] }))
            let lat = places.compactMap { $0["lat"].flatMap(Double.init) }
            let lon = places.compactMap { $0["lon"].flatMap(Double.init) }
            XCTAssertEqual(doc["bounding_box"] as? [Double], [lon.min()!, lat.min()!, lon.max()!, lat.max()!])
            let estimated = links.filter { ["true", "1", "yes"].contains(($0["estimated"] ?? "").lowercased()) }.count
            XCTAssertEqual(doc["estimated_rows"] as? Int, estimated)
            XCTAssertEqual(doc["estimated_share"] as? Double ?? -1, Double(estimated) / Double(links.count), accuracy: 1e-12)
            XCTAssertEqual((doc["coordinate_warnings"] as? [Any])?.count, 0, "the committed jobs' places are in their countries")
            let text = try runTransborder(["validate", job])
            XCTAssertTrue(text.stdout.contains("  by layer   "), text.stdout)
            XCTAssertTrue(text.stdout.contains("  extent     \(String(format: "%.2f", lat.min()!))…"), text.stdout)
        }
    }

    /// An Estonia–Russia job in which one Estonian place has latitude and longitude swapped:
    /// valid (the numbers are in range) but warned about, with the swap suggested.
    func testSwappedCoordinatesAreWarnedAbout() throws {
        let dir = try Fixtures.temporaryDirectory("swapped")
        try """
        id,name,country,kind,scale,region,lat,lon
        tallinn,Tallinn,EE,city,national,Harju,59.44,24.75
        tartu,Tartu,EE,city,regional,Tartu,26.72,58.38
        narva,Narva,EE,border_port,local,Ida-Viru,59.38,28.19
        pskov,Pskov,RU,city,regional,Pskov Oblast,57.82,28.33
        ivangorod,Ivangorod,RU,border_port,local,Leningrad Oblast,59.37,28.22

        """.write(to: dir.appendingPathComponent("places.csv"), atomically: true, encoding: .utf8)
        var links = "source,target,year,layer,weight\n"
        for year in 2001...2006 {
            links +=
                "narva,ivangorod,\(year),trade,\(year - 2000)\ntartu,pskov,\(year),trade,1\ntallinn,narva,\(year),transport_corridor,1\n"
        }
        try links.write(to: dir.appendingPathComponent("links.csv"), atomically: true, encoding: .utf8)
        try """
        name: ee-ru
        data: {places: places.csv, links: links.csv}
        years: {first: 2001, last: 2006}

        """.write(to: dir.appendingPathComponent("job.yaml"), atomically: true, encoding: .utf8)
        let text = try runTransborder(["validate", dir.path])
        XCTAssertEqual(text.status, 0, text.stderr)
        let warnings = text.stderr.split(separator: "\n").filter { $0.hasPrefix("warning: ") }
        XCTAssertEqual(warnings.count, 1, text.stderr)
        XCTAssertTrue(warnings.first?.contains("place 'tartu' (EE) at lat 26.72, lon 58.38") == true, text.stderr)
        XCTAssertTrue(warnings.first?.contains("swapped") == true, text.stderr)
        let json = try runTransborder(["validate", dir.path, "--format", "json"])
        let doc = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let found = try XCTUnwrap(doc["coordinate_warnings"] as? [[String: Any]])
        XCTAssertEqual(found.map { $0["place"] as? String }, ["tartu"])
        XCTAssertEqual(found.first?["swapped_fits"] as? Bool, true)
    }

    /// links.csv passed as the job: one short line naming the file, exit 2; the same file
    /// under a .yaml name: still one line, the start of the file quoted, not all of it.
    func testADataFilePassedAsTheSpecIsRefusedInOneLine() throws {
        let links = Fixtures.repositoryRoot.appendingPathComponent("jobs/heilongjiang-far-east/links.csv").path
        let result = try runTransborder(["validate", links])
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, result.stderr)
        XCTAssertTrue(result.stderr.hasPrefix("error: \(links): a CSV file, not a job spec"), result.stderr)
        let disguised = try Fixtures.temporaryDirectory("disguised").appendingPathComponent("links.yaml")
        try FileManager.default.copyItem(atPath: links, toPath: disguised.path)
        let parsed = try runTransborder(["validate", disguised.path])
        XCTAssertEqual(parsed.status, 2)
        XCTAssertLessThan(parsed.stderr.utf8.count, 400, parsed.stderr)
        XCTAssertTrue(parsed.stderr.contains("expected a mapping"), parsed.stderr)
    }

    /// `summary --format json` carries the periods of periods.json.
    func testSummaryJSONCarriesThePeriods() throws {
        let out = try Fixtures.temporaryDirectory("summaryjson").appendingPathComponent("out")
        XCTAssertEqual(try runTransborder(["run", Self.tinyJob, "--workers", "0", "--out", out.path]).status, 0)
        let result = try runTransborder(["summary", out.path, "--format", "json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let doc = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let periods = try XCTUnwrap(
            JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("periods.json"))) as? [String: Any])
        XCTAssertEqual(doc["job"] as? String, periods["job"] as? String)
        let a = try XCTUnwrap(doc["periods"] as? [[String: Any]])
        let b = try XCTUnwrap(periods["periods"] as? [[String: Any]])
        XCTAssertEqual(a.count, b.count)
        for (x, y) in zip(a, b) {
            for key in ["stage", "start", "end"] { XCTAssertEqual(x[key] as? Int, y[key] as? Int, key) }
            XCTAssertEqual(x["name"] as? String, y["name"] as? String)
        }
    }
}
