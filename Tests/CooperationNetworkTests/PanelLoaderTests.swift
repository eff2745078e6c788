import CooperationNetwork
import Foundation
import JobFiles
import XCTest

/// Bad places.csv / links.csv: one test per case, each checking file, line and field.
final class PanelLoaderTests: XCTestCase {
    private typealias P = PanelInput

    func testValidPanelLoads() throws {
        let panel = try P.load()
        XCTAssertEqual(panel.places.map(\.id), ["heihe", "blag", "harbin"])
        XCTAssertEqual(panel.layers, [.trade, .transportCorridor])
        XCTAssertEqual(panel.years, 2000...2002)
        XCTAssertEqual(panel.links.count, 3)
        let first = try XCTUnwrap(panel.links(in: 2000).first)
        XCTAssertEqual(first.source, 0)
        XCTAssertEqual(first.target, 1)
        XCTAssertEqual(first.layer, 0)
        XCTAssertEqual(first.weight, 1.5)
        XCTAssertFalse(first.estimated)
        XCTAssertEqual(panel.links(in: 2001).first?.layer, 1)
        XCTAssertEqual(panel.regions, ["Amur Oblast", "Heilongjiang"])
    }

    func testYearsDefaultToTheLinkYears() throws {
        var links = P.links
        links[3] = "heihe,harbin,2007,trade,0.5"
        let panel = try P.load(links: links, years: nil)
        XCTAssertEqual(panel.years, 2000...2007)
    }

    func testDeclaredYearsMayBeWiderThanTheLinks() throws {
        let panel = try P.load(years: 1998...2005)
        XCTAssertEqual(panel.years, 1998...2005)
        XCTAssertTrue(panel.links(in: 1998).isEmpty)
    }

    func testUnknownSourcePlace() {
        var links = P.links
        links[2] = "harbni,blag,2001,trade,2"
        let issues = P.issues { try P.load(links: links) }
        P.assertSingle(issues, file: "links.csv", line: 3, field: "source", contains: "unknown place id 'harbni'")
        XCTAssertTrue(issues[0].message.contains("did you mean 'harbin'"), issues[0].message)
    }

    func testUnknownTargetPlace() {
        var links = P.links
        links[3] = "heihe,moscow,2002,trade,0.5"
        P.assertSingle(
            P.issues { try P.load(links: links) }, file: "links.csv", line: 4, field: "target",
            contains: "unknown place id 'moscow'")
    }

    func testDuplicatePlaceID() {
        let places = P.places + ["heihe,Heihe again,CN,city,local,Heilongjiang,50,127"]
        P.assertSingle(
            P.issues { try P.load(places: places) }, file: "places.csv", line: 5, field: "id",
            contains: "duplicate place id 'heihe' (first defined on line 2)")
    }

    func testEmptyPlaceID() {
        let places = P.places + [",Nameless,CN,city,local,Heilongjiang,50,127"]
        P.assertSingle(
            P.issues { try P.load(places: places) }, file: "places.csv", line: 5, field: "id",
            contains: "empty place id")
    }

    func testEmptyLinkEndpoint() {
        var links = P.links
        links[1] = " ,blag,2000,trade,1"
        P.assertSingle(
            P.issues { try P.load(links: links) }, file: "links.csv", line: 2, field: "source",
            contains: "empty place id")
    }

    func testNegativeWeight() {
        var links = P.links
        links[2] = "harbin,blag,2001,trade,-2"
        P.assertSingle(
            P.issues { try P.load(links: links) }, file: "links.csv", line: 3, field: "weight",
            contains: "-2 is negative")
    }

    func testNaNWeight() {
        var links = P.links
        links[3] = "heihe,harbin,2002,trade,NaN"
        P.assertSingle(
            P.issues { try P.load(links: links) }, file: "links.csv", line: 4, field: "weight",
            contains: "NaN is not a weight")
    }

    func testInfiniteWeight() {
        for text in ["inf", "-infinity", "1e400"] {
            var links = P.links
            links[1] = "heihe,blag,2000,trade,\(text)"
            P.assertSingle(
                P.issues { try P.load(links: links) }, file: "links.csv", line: 2, field: "weight",
                contains: "infinite")
        }
    }

    func testNonNumericWeight() {
        var links = P.links
        links[1] = "heihe,blag,2000,trade,1.5t"
        P.assertSingle(
            P.issues { try P.load(links: links) }, file: "links.csv", line: 2, field: "weight",
            contains: "'1.5t' is not a number")
    }

    func testZeroWeightIsAccepted() throws {
        var links = P.links
        links[1] = "heihe,blag,2000,trade,0"
        XCTAssertEqual(try P.load(links: links).links(in: 2000).first?.weight, 0)
    }

    func testYearOutsideDeclaredRange() {
        var links = P.links
        links[3] = "heihe,harbin,2003,trade,0.5"
        P.assertSingle(
            P.issues { try P.load(links: links) }, file: "links.csv", line: 4, field: "year",
            contains: "year 2003 is outside the job's years 2000–2002")
    }

    func testNonIntegerYear() {
        var links = P.links
        links[2] = "harbin,blag,2001.5,trade,2"
        P.assertSingle(
            P.issues { try P.load(links: links) }, file: "links.csv", line: 3, field: "year",
            contains: "'2001.5' is not an integer year")
    }

    func testUnknownScale() {
        var places = P.places
        places[2] = "blag,Blagoveshchensk,RU,region_capital,provincial,Amur Oblast,50.27,127.54"
        let issues = P.issues { try P.load(places: places) }
        P.assertSingle(
            issues, file: "places.csv", line: 3, field: "scale",
            contains: "unknown scale 'provincial' (allowed: national, regional, local)")
    }

    func testInvalidLayerName() {
        var links = P.links
        links[2] = "harbin,blag,2001,Transport Corridor,2"
        P.assertSingle(
            P.issues { try P.load(links: links) }, file: "links.csv", line: 3, field: "layer",
            contains: "'Transport Corridor' is not a valid layer name")
    }

    func testUserDefinedLayerIsAccepted() throws {
        var links = P.links
        links[2] = "harbin,blag,2001,energy_2,2"
        XCTAssertEqual(try P.load(links: links).layers.map(\.rawValue), ["energy_2", "trade"])
    }

    func testNonNumericLatitude() {
        var places = P.places
        places[1] = "heihe,Heihe,CN,border_port,local,Heilongjiang,50°N,127.49"
        P.assertSingle(
            P.issues { try P.load(places: places) }, file: "places.csv", line: 2, field: "lat",
            contains: "'50°N' is not a number")
    }

    func testLatitudeOutOfRange() {
        var places = P.places
        places[3] = "harbin,Harbin,CN,region_capital,national,Heilongjiang,126.53,45.80"
        P.assertSingle(
            P.issues { try P.load(places: places) }, file: "places.csv", line: 4, field: "lat",
            contains: "126.53 is outside [-90, 90] degrees")
    }

    func testLongitudeOutOfRange() {
        var places = P.places
        places[3] = "harbin,Harbin,CN,region_capital,national,Heilongjiang,45.80,226.53"
        P.assertSingle(
            P.issues { try P.load(places: places) }, file: "places.csv", line: 4, field: "lon",
            contains: "226.53 is outside [-180, 180] degrees")
    }

    func testMissingPlacesColumn() {
        let places = P.places.map { line in line.split(separator: ",").dropLast().joined(separator: ",") }
        let issues = P.issues { try P.load(places: places) }
        P.assertSingle(issues, file: "places.csv", line: 1, field: "lon", contains: "missing required column")
    }

    func testMissingColumnSuggestsNearMiss() {
        var places = P.places
        places[0] = "id,name,country,kind,scale,region,latitude,lon"
        let issues = P.issues { try P.load(places: places) }
        P.assertSingle(issues, file: "places.csv", line: 1, field: "lat", contains: "missing required column")
        XCTAssertTrue(issues[0].message.contains("'latitude'"), issues[0].message)
    }

    func testMissingLinksColumn() {
        let links = P.links.map { line in line.split(separator: ",").dropLast().joined(separator: ",") }
        P.assertSingle(
            P.issues { try P.load(links: links) }, file: "links.csv", line: 1, field: "weight",
            contains: "missing required column")
    }

    func testDuplicatedColumn() {
        var links = P.links.map { $0 + ",x" }
        links[0] = P.linksHeader + ",weight"
        P.assertSingle(
            P.issues { try P.load(links: links) }, file: "links.csv", line: 1, field: "weight",
            contains: "duplicated column")
    }

    func testEmptyFile() {
        let issues = P.issues {
            try PanelLoader.load(
                placesCSV: Data(), placesName: "places.csv", linksCSV: P.data(P.links),
                linksName: "links.csv", years: nil, directed: false)
        }
        P.assertSingle(issues, file: "places.csv", line: 1, field: nil, contains: "empty file")
    }

    func testHeaderWithoutRows() {
        P.assertSingle(
            P.issues { try P.load(links: [P.linksHeader]) }, file: "links.csv", line: 1, field: nil,
            contains: "no data rows")
    }

    func testWrongEncoding() {
        // "Blagovešč" in Latin-2 / Windows-1250: 0x9A is not valid UTF-8. It sits on line 3, byte 20.
        var bytes = Data((P.places[0] + "\n" + P.places[1] + "\n").utf8)
        bytes.append(Data("blag,Blagove".utf8))
        bytes.append(contentsOf: [0x9A])
        bytes.append(Data("chensk,RU,region_capital,regional,Amur Oblast,50.27,127.54\n".utf8))
        let issues = P.issues {
            try PanelLoader.load(
                placesCSV: bytes, placesName: "data/places.csv", linksCSV: P.data(P.links),
                linksName: "links.csv", years: nil, directed: false)
        }
        P.assertSingle(issues, file: "data/places.csv", line: 3, field: nil, contains: "not valid UTF-8: byte 0x9A")
        XCTAssertTrue(issues[0].message.contains("column 13"), issues[0].message)
    }

    func testUTF16IsRejectedAsNotUTF8() {
        var bytes = Data([0xFF, 0xFE])
        for byte in P.data(P.places) { bytes.append(contentsOf: [byte, 0]) }
        let issues = P.issues {
            try PanelLoader.load(
                placesCSV: bytes, placesName: "places.csv", linksCSV: P.data(P.links),
                linksName: "links.csv", years: nil, directed: false)
        }
        P.assertSingle(issues, file: "places.csv", line: 1, field: nil, contains: "UTF-16")
    }

    func testSelfLoop() {
        var links = P.links
        links[2] = "blag,blag,2001,trade,2"
        P.assertSingle(
            P.issues { try P.load(links: links) }, file: "links.csv", line: 3, field: "target",
            contains: "self-loop")
    }

    func testWrongFieldCount() {
        var links = P.links
        links[2] = "harbin,blag,2001,trade"
        P.assertSingle(
            P.issues { try P.load(links: links) }, file: "links.csv", line: 3, field: nil,
            contains: "expected 5 fields as in the header, found 4")
    }

    func testUnterminatedQuoteIsReportedWhereItStarts() {
        var links = P.links
        links[2] = "harbin,blag,2001,\"trade,2"
        let issues = P.issues { try P.load(links: links) }
        P.assertSingle(issues, file: "links.csv", line: 3, field: nil, contains: "expected 5 fields as in the header")
        XCTAssertTrue(issues[0].message.contains("runs over lines 3–4: is a closing quote missing?"), issues[0].message)
    }

    func testEstimatedColumn() throws {
        let links = [
            P.linksHeader + ",estimated,note",
            "heihe,blag,2000,trade,1.5,TRUE,a",
            "harbin,blag,2001,trade,2,no,b",
            "heihe,harbin,2002,trade,0.5,,c",
        ]
        let panel = try P.load(links: links)
        XCTAssertEqual(panel.links.map(\.estimated), [true, false, false])
        var bad = links
        bad[2] = "harbin,blag,2001,trade,2,maybe,b"
        P.assertSingle(
            P.issues { try P.load(links: bad) }, file: "links.csv", line: 3, field: "estimated",
            contains: "'maybe' is not a boolean")
    }

    func testAllIssuesAreCollectedAcrossBothFiles() {
        var places = P.places
        places[1] = "heihe,Heihe,CN,border_port,county,Heilongjiang,50.24,500"
        places.append("harbin,Harbin,CN,city,local,Heilongjiang,45.8,126.5")
        var links = P.links
        links[1] = "heihe,blag,1999,trade,-1"
        links[3] = "heihe,nowhere,2002,trade,x"
        let issues = P.issues { try P.load(places: places, links: links) }
        let located = issues.map { "\($0.file):\($0.line ?? 0):\($0.field ?? "")" }
        XCTAssertEqual(
            located,
            [
                "places.csv:2:scale", "places.csv:2:lon", "places.csv:5:id",
                "links.csv:2:year", "links.csv:2:weight", "links.csv:4:target", "links.csv:4:weight",
            ])
    }

    func testIssuesAreCappedAndCounted() {
        let links = [P.linksHeader] + (0..<60).map { "heihe,blag,2000,trade,-\($0 + 1)" }
        do {
            _ = try P.load(links: links)
            XCTFail("expected an InputError")
        } catch let error as InputError {
            XCTAssertEqual(error.issues.count, InputError.cap)
            XCTAssertEqual(error.omitted, 60 - InputError.cap)
            XCTAssertEqual(error.issues.last?.line, InputError.cap + 1)
            XCTAssertTrue(error.description.hasSuffix("… and \(60 - InputError.cap) more"))
        } catch {
            XCTFail("unexpected \(error)")
        }
    }
}
