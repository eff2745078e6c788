import Analysis
@testable import Reports
import CooperationNetwork
import Foundation
import TestSupport
import XCTest

/// places_by_period.geojson and links_by_period.geojson against the structure
/// RFC 7946 prescribes, their property types against what geopandas reads, and
/// their numbers against the other outputs and an independent recomputation.
final class GeoJSONOutputTests: XCTestCase {
    static let files = [GeoJSONOutput.placesFileName, GeoJSONOutput.linksFileName]

    func document(_ name: String) throws -> [String: Any] {
        let data = try ReportTestJob.file(name)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// The features of places (`place`) or links (`link`), each from its own file.
    func features(_ kind: String) throws -> [[String: Any]] {
        let name = kind == "place" ? GeoJSONOutput.placesFileName : GeoJSONOutput.linksFileName
        let all = try XCTUnwrap(try document(name)["features"] as? [[String: Any]])
        XCTAssertTrue(all.allSatisfy { ($0["properties"] as? [String: Any])?["feature"] as? String == kind }, name)
        return all
    }

    /// The numeric properties of every feature, in file order.
    struct NumericProperties: Decodable {
        struct Feature: Decodable {
            let id: String
            let properties: [String: Number]
        }
        struct Number: Decodable {
            let number: Double?
            init(from decoder: Decoder) throws { number = try? decoder.singleValueContainer().decode(Double.self) }
        }
        let features: [Feature]
    }

    // MARK: - RFC 7946 structure

    /// Problems of a position (§3.1.1): 2 or 3 finite numbers, longitude then latitude in WGS 84 degrees.
    func positionProblems(_ value: Any?, _ path: String) -> [String] {
        guard let numbers = value as? [Any], (2...3).contains(numbers.count) else { return ["\(path): not a position"] }
        let doubles = numbers.compactMap { ($0 as? NSNumber)?.doubleValue }
        guard doubles.count == numbers.count, doubles.allSatisfy(\.isFinite) else { return ["\(path): non-numeric position"] }
        var out: [String] = []
        if !(-180...180).contains(doubles[0]) { out.append("\(path): longitude \(doubles[0]) out of range") }
        if !(-90...90).contains(doubles[1]) { out.append("\(path): latitude \(doubles[1]) out of range") }
        return out
    }

    /// Problems of a geometry object (§3.1).
    func geometryProblems(_ value: Any?, _ path: String) -> [String] {
        guard let geometry = value as? [String: Any] else { return value is NSNull ? [] : ["\(path): not an object"] }
        let coordinates = geometry["coordinates"]
        switch geometry["type"] as? String {
        case "Point":
            return positionProblems(coordinates, path)
        case "LineString":
            guard let line = coordinates as? [Any], line.count >= 2 else { return ["\(path): LineString needs ≥ 2 positions"] }
            return line.enumerated().flatMap { positionProblems($1, "\(path)[\($0)]") }
        case "MultiLineString":
            guard let lines = coordinates as? [[Any]] else { return ["\(path): MultiLineString coordinates"] }
            return lines.enumerated().flatMap { i, line in
                line.count < 2
                    ? ["\(path)[\(i)]: fewer than 2 positions"]
                    : line.enumerated().flatMap { positionProblems($1, "\(path)[\(i)][\($0)]") }
            }
        default:
            return ["\(path): unexpected geometry type \(String(describing: geometry["type"]))"]
        }
    }

    func testIsAnRFC7946FeatureCollection() throws {
        var types: [String: Int] = [:]
        var ids: [String] = []
        for name in Self.files {
            let (fileTypes, fileIDs) = try checkCollection(name)
            types.merge(fileTypes, uniquingKeysWith: +)
            ids += fileIDs
            XCTAssertEqual(fileTypes.count, name == GeoJSONOutput.placesFileName ? 1 : fileTypes.count, name)
        }
        let results = try ReportTestJob.results()
        XCTAssertEqual(types["Point"], results.job.panel.places.count)
        XCTAssertGreaterThan(types["LineString"] ?? 0, 0)
        XCTAssertEqual(Set(ids).count, ids.count, "feature ids are unique")
    }

    /// Checks one file's structure; returns its geometry types and feature ids.
    func checkCollection(_ name: String) throws -> (types: [String: Int], ids: [String]) {
        let doc = try document(name)
        XCTAssertEqual(doc["type"] as? String, "FeatureCollection")
        XCTAssertNil(doc["crs"], "RFC 7946 removed crs: coordinates are WGS 84")
        XCTAssertEqual(Set(doc.keys), ["type", "bbox", "features"], "no foreign members")
        let features = try XCTUnwrap(doc["features"] as? [[String: Any]])
        let bbox = try XCTUnwrap((doc["bbox"] as? [NSNumber])?.map(\.doubleValue))
        XCTAssertEqual(bbox.count, 4)
        XCTAssertLessThanOrEqual(bbox[0], bbox[2])
        XCTAssertLessThanOrEqual(bbox[1], bbox[3])
        var problems: [String] = []
        var types: [String: Int] = [:]
        for (i, feature) in features.enumerated() {
            XCTAssertEqual(feature["type"] as? String, "Feature")
            XCTAssertEqual(Set(feature.keys), ["type", "id", "geometry", "properties"])
            XCTAssertTrue(feature["id"] is String, "feature id is a string (§3.2)")
            XCTAssertTrue(feature["properties"] is [String: Any])
            problems += geometryProblems(feature["geometry"], "features[\(i)]")
            let geometry = feature["geometry"] as? [String: Any]
            types[geometry?["type"] as? String ?? "?", default: 0] += 1
            // Every position inside the bbox (§5).
            func positions(_ any: Any?) -> [[Double]] {
                if let p = any as? [NSNumber] { return [p.map(\.doubleValue)] }
                return (any as? [Any])?.flatMap(positions) ?? []
            }
            for p in positions(geometry?["coordinates"]) {
                XCTAssertTrue(bbox[0] <= p[0] && p[0] <= bbox[2] && bbox[1] <= p[1] && p[1] <= bbox[3], "\(p) outside bbox")
            }
        }
        XCTAssertEqual(problems, [], name)
        if name == GeoJSONOutput.placesFileName {
            XCTAssertEqual(Set(types.keys), ["Point"])
        } else {
            XCTAssertTrue(Set(types.keys).isSubset(of: ["LineString", "MultiLineString"]), "\(types)")
        }
        return (types, features.compactMap { $0["id"] as? String })
    }

    /// Every feature of a file has the same properties, each of one JSON kind (string, integer,
    /// number written with a point or exponent, boolean), and the kinds are those geopandas
    /// reads as int, float, bool and str columns from the tiny job's files
    /// (Tests/Fixtures/geojson/dtypes.json, scripts/fixtures/geojson_dtypes.py). One mixed
    /// file made pandas read `stage` and `cross_border` as floats with NaN.
    func testPropertyTypesAreThoseGeopandasReads() throws {
        let written = try ReportTestJob.outcome.get().files.map(\.name)
        for name in Self.files { XCTAssertTrue(written.contains(name), "no \(name) among \(written)") }
        let fixture = try XCTUnwrap(Fixtures.json("geojson/dtypes.json") as? [String: Any])
        let fixtureFiles = try XCTUnwrap(fixture["files"] as? [String: [String: Any]])
        let stageColumn = try NSRegularExpression(pattern: "^stage_[0-9]+_")
        func general(_ key: String) -> String {
            stageColumn.stringByReplacingMatches(in: key, range: NSRange(key.startIndex..., in: key), withTemplate: "stage_k_")
        }
        for name in Self.files {
            let dtypes = try XCTUnwrap(fixtureFiles[name]?["dtypes"] as? [String: String], name)
            var expected: [String: String] = [:]
            for (column, dtype) in dtypes {
                expected[general(column)] =
                    dtype.hasPrefix("int")
                    ? "integer"
                    : dtype == "float64"
                        ? "number"
                        : dtype == "bool" ? "bool" : "string"
            }
            let text = String(decoding: try ReportTestJob.file(name), as: UTF8.self)
            let lines = text.split(separator: "\n").filter { $0.hasPrefix("{\"geometry\"") }
            XCTAssertFalse(lines.isEmpty)
            var keySets: Set<[String]> = []
            for line in lines {
                let start = try XCTUnwrap(line.range(of: "\"properties\":{")).upperBound
                let end = try XCTUnwrap(line.range(of: "},\"type\":\"Feature\"}", options: .backwards)).lowerBound
                let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(("{" + line[start..<end] + "}").utf8)) as? [String: Any])
                keySets.insert(object.keys.sorted())
                for (key, value) in object {
                    // The kind of the literal as written.
                    let kind: String
                    if value is String {
                        kind = "string"
                    } else {
                        let literal = try XCTUnwrap(line[start..<end].range(of: "\"\(key)\":"))
                        let rest = line[start..<end][literal.upperBound...].prefix { $0 != "," && $0 != "}" }
                        kind =
                            rest == "true" || rest == "false"
                            ? "bool"
                            : rest.contains(where: { ".eE".contains($0) }) ? "number" : "integer"
                    }
                    XCTAssertEqual(kind, expected[general(key)], "\(name): \(key) = \(value)")
                }
            }
            XCTAssertEqual(keySets.count, 1, "\(name): every feature has the same properties")
            // GDAL names the feature id column `id` when the properties have none.
            XCTAssertEqual(Set(keySets.first?.map(general) ?? []).union(["id"]), Set(expected.keys), name)
        }
    }

    func testPointsAreLongitudeLatitudeOfEachPlace() throws {
        let panel = try ReportTestJob.results().job.panel
        let places = try features("place")
        XCTAssertEqual(places.count, panel.places.count)
        for (feature, place) in zip(places, panel.places) {
            let properties = try XCTUnwrap(feature["properties"] as? [String: Any])
            XCTAssertEqual(properties["id"] as? String, place.id)
            XCTAssertEqual(properties["name"] as? String, place.name)
            XCTAssertEqual(properties["country"] as? String, place.country)
            XCTAssertEqual(properties["kind"] as? String, place.kind)
            XCTAssertEqual(properties["scale"] as? String, place.scale.rawValue)
            XCTAssertEqual(properties["region"] as? String, place.region)
            let coordinates = try XCTUnwrap(((feature["geometry"] as? [String: Any])?["coordinates"] as? [NSNumber])?.map(\.doubleValue))
            XCTAssertEqual(coordinates, [place.longitude, place.latitude])
        }
    }

    /// The per-stage means on the points are the numbers of centrality_by_period.csv.
    func testPlaceCentralitiesEqualCentralityByPeriod() throws {
        let results = try ReportTestJob.results()
        let csv = String(decoding: try ReportTestJob.file("centrality_by_period.csv"), as: UTF8.self)
        var expected: [String: Double] = [:]  // "<place>|stage_<k>_<measure>" → mean
        var activeYears: [String: Int] = [:]
        for line in csv.split(separator: "\n").dropFirst() {
            // place, name, stage, start, end, measure, mean, min, max, years_active (names here hold no comma)
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            expected["\(f[0])|stage_\(f[2])_\(f[5])"] = Double(f[6])
            activeYears["\(f[0])|stage_\(f[2])_years_active"] = Int(f[9])
        }
        // JSONDecoder, not JSONSerialization: the latter does not round every decimal correctly on Linux.
        let numeric = try JSONDecoder().decode(NumericProperties.self, from: ReportTestJob.file(GeoJSONOutput.placesFileName))
        var compared = 0
        for (feature, decoded) in zip(try features("place"), numeric.features) {
            let properties = try XCTUnwrap(feature["properties"] as? [String: Any])
            let id = try XCTUnwrap(properties["id"] as? String)
            XCTAssertEqual(decoded.id, "place:" + id)
            for stage in results.periodization.stages {
                for measure in ["pagerank", "betweenness", "strength"] {
                    let key = "stage_\(stage.number)_\(measure)"
                    let value = try XCTUnwrap(decoded.properties[key]?.number, key)
                    // Places absent from the CSV were inactive throughout the stage: mean 0.
                    XCTAssertEqual(value, expected["\(id)|\(key)"] ?? 0, "\(id) \(key)")
                    compared += 1
                }
                let key = "stage_\(stage.number)_years_active"
                XCTAssertEqual(properties[key] as? Int, activeYears["\(id)|\(key)"] ?? 0, "\(id) \(key)")
            }
        }
        XCTAssertEqual(compared, results.job.panel.places.count * results.periodization.stages.count * 3)
    }

    /// Link features recomputed independently from the panel's link rows.
    func testLinksAreTheStageMergeOfThePanelRows() throws {
        let results = try ReportTestJob.results()
        let panel = results.job.panel
        let links = try features("link")
        for stage in results.periodization.stages {
            var total: [String: Double] = [:]
            var years: [String: Set<Int>] = [:]
            var estimated: [String: Set<Int>] = [:]
            for link in panel.links where (stage.startYear...stage.endYear).contains(link.year) && link.weight > 0 {
                let ids = [panel.places[link.source].id, panel.places[link.target].id]
                let (a, b) = link.source < link.target ? (ids[0], ids[1]) : (ids[1], ids[0])
                let key = "\(panel.layers[link.layer].rawValue)|\(a)|\(b)"
                total[key, default: 0] += link.weight
                years[key, default: []].insert(link.year)
                if link.estimated { estimated[key, default: []].insert(link.year) }
            }
            let ofStage = links.compactMap { $0["properties"] as? [String: Any] }.filter { $0["stage"] as? Int == stage.number }
            XCTAssertEqual(ofStage.count, total.count, "stage \(stage.number)")
            let length = Double(stage.endYear - stage.startYear + 1)
            for p in ofStage {
                let key = "\(p["layer"] as? String ?? "")|\(p["source"] as? String ?? "")|\(p["target"] as? String ?? "")"
                let expected = try XCTUnwrap(total[key], key)
                let weightTotal = try XCTUnwrap((p["weight_total"] as? NSNumber)?.doubleValue)
                XCTAssertEqual(weightTotal, expected, accuracy: 1e-12 * expected)
                XCTAssertEqual((p["weight_mean"] as? NSNumber)?.doubleValue ?? -1, expected / length, accuracy: 1e-12 * expected)
                XCTAssertEqual(p["years_active"] as? Int, years[key]?.count)
                XCTAssertEqual(p["estimated_years"] as? Int, estimated[key]?.count ?? 0)
                XCTAssertEqual(p["stage_label"] as? String, stage.label)
                XCTAssertNotNil(p["cross_border"] as? Bool)
                XCTAssertGreaterThan((p["length_km"] as? NSNumber)?.doubleValue ?? 0, 0)
            }
        }
        // The synthetic job flags trade links of its first three years.
        XCTAssertTrue(links.contains { (($0["properties"] as? [String: Any])?["estimated_years"] as? Int ?? 0) > 0 })
    }

    func testOneFeaturePerLineAndUTF8Names() throws {
        let results = try ReportTestJob.results()
        for name in Self.files {
            let text = String(decoding: try ReportTestJob.file(name), as: UTF8.self)
            let lines = text.split(separator: "\n")
            let featureCount = try XCTUnwrap(try document(name)["features"] as? [Any]).count
            XCTAssertEqual(lines.count, featureCount + 4)
            if name == GeoJSONOutput.placesFileName {
                XCTAssertTrue(text.contains(ReportTestJob.heihe.replacingOccurrences(of: "\"", with: "\\\"")))
            }
            XCTAssertTrue(text.hasSuffix("]}\n"))
        }
        XCTAssertEqual(
            results.periodization.stages.count,
            Set(
                try features("link").compactMap {
                    ($0["properties"] as? [String: Any])?["stage"] as? Int
                }
            ).count)
    }

    func testLinesCrossingTheAntimeridianAreCut() throws {
        guard case .multiLineString(let parts) = GeoJSONOutput.line(from: [170, 60], to: [-170, 62]) else {
            return XCTFail("expected a MultiLineString")
        }
        XCTAssertEqual(parts, [[[170, 60], [180, 61]], [[-180, 61], [-170, 62]]])
        guard case .multiLineString(let back) = GeoJSONOutput.line(from: [-175, 10], to: [175, 20]) else {
            return XCTFail("expected a MultiLineString")
        }
        XCTAssertEqual(back, [[[-175, 10], [-180, 15]], [[180, 15], [175, 20]]])
        guard case .lineString(let plain) = GeoJSONOutput.line(from: [127.53, 50.25], to: [127.53, 50.29]) else {
            return XCTFail("expected a LineString")
        }
        XCTAssertEqual(plain, [[127.53, 50.25], [127.53, 50.29]])
    }
}
