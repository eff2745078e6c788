import CooperationNetwork
import Foundation
import JobFiles
import XCTest

/// Good panels in the shapes real files come in: UTF-8 names in any script, a
/// byte order mark, CRLF line ends, RFC 4180 quoting, extra columns.
final class PanelTextTests: XCTestCase {
    private typealias P = PanelInput

    /// BOM + CRLF + quoted fields with commas, quotes and a line break; extra columns ignored.
    private let places =
        "\u{FEFF}id,name,country,kind,scale,region,lat,lon,name_local,note\r\n"
        + "heihe,\"Heihe, Heilongjiang\",CN,border_port,local,Heilongjiang,50.24,127.49,黑河,\"port city, \"\"twin\"\" of Blagoveshchensk\"\r\n"
        + "blag,Благовещенск,RU,region_capital,regional,Amur Oblast,50.27,127.54,Благовещенск,\"note on\r\ntwo lines\"\r\n"
        + "\r\n"
        + "fuyuan,抚远,CN,border_port,local,Heilongjiang,48.36,134.29,抚远,\r\n"

    private let links =
        "\u{FEFF}source,target,year,layer,weight,estimated,source_ref\r\n"
        + "heihe,blag,1990,trade,\"1,5\",false,\"a, b\"\r\n"

    func testBOMCRLFQuotedUTF8() throws {
        let linkText =
            "\u{FEFF}source,target,year,layer,weight,estimated,source_ref\r\n"
            + "heihe,blag,1990,trade,1.5,false,\"a, b\"\r\n"
            + "blag,fuyuan,1991,transport_corridor,2,true,\"multi\nline\"\r\n"
        let panel = try PanelLoader.load(
            placesCSV: Data(places.utf8), placesName: "places.csv",
            linksCSV: Data(linkText.utf8), linksName: "links.csv",
            years: nil, directed: true)
        XCTAssertEqual(panel.places.map(\.id), ["heihe", "blag", "fuyuan"])
        XCTAssertEqual(panel.places.map(\.name), ["Heihe, Heilongjiang", "Благовещенск", "抚远"])
        XCTAssertEqual(panel.places[1].region, "Amur Oblast")
        XCTAssertEqual(panel.places[2].longitude, 134.29)
        XCTAssertEqual(panel.years, 1990...1991)
        XCTAssertTrue(panel.directed)
        XCTAssertEqual(panel.links.map(\.estimated), [false, true])
    }

    /// A quoted field spanning lines and a blank line shift later rows: issues
    /// cite physical lines, not record numbers.
    func testLineNumbersCountQuotedLineBreaksAndBlankLines() {
        let bad = places + "suifenhe,绥芬河,CN,border_port,village,Heilongjiang,44.4,131.15,绥芬河,\r\n"
        // header 1, heihe 2, blag 3–4 (quoted line break), blank 5, fuyuan 6, suifenhe 7.
        let issues = P.issues {
            try PanelLoader.load(
                placesCSV: Data(bad.utf8), placesName: "places.csv",
                linksCSV: Data(links.utf8), linksName: "links.csv", years: nil, directed: false)
        }
        let located = issues.map { "\($0.file):\($0.line ?? 0):\($0.field ?? "")" }
        // The quoted "1,5" is one field, not two: it is a non-numeric weight on line 2.
        XCTAssertEqual(located, ["places.csv:7:scale", "links.csv:2:weight"])
    }

    func testLoneCRLineEnds() throws {
        let text = P.places.joined(separator: "\r") + "\r"
        let panel = try PanelLoader.load(
            placesCSV: Data(text.utf8), placesName: "places.csv",
            linksCSV: P.data(P.links, separator: "\r\n"), linksName: "links.csv",
            years: nil, directed: false)
        XCTAssertEqual(panel.places.count, 3)
        XCTAssertEqual(panel.links.count, 3)
    }

    func testFieldsAndHeaderNamesAreTrimmed() throws {
        let places =
            ["id , name,country,kind,scale,region,lat,lon"]
            + P.places.dropFirst().map { $0.replacingOccurrences(of: ",", with: " ,\t") }
        let panel = try P.load(places: Array(places))
        XCTAssertEqual(panel.places.map(\.id), ["heihe", "blag", "harbin"])
        XCTAssertEqual(panel.places[0].scale, .local)
    }

    func testNoTrailingNewlineAndEmptyNameFallsBackToID() throws {
        let text =
            P.placesHeader + "\nheihe,,CN,border_port,local,Heilongjiang,50.24,127.49\n"
            + "blag,Blagoveshchensk,RU,region_capital,regional,Amur Oblast,50.27,127.54\n"
            + "harbin,Harbin,CN,region_capital,national,Heilongjiang,45.80,126.53"
        let panel = try PanelLoader.load(
            placesCSV: Data(text.utf8), placesName: "places.csv",
            linksCSV: P.data(P.links), linksName: "links.csv",
            years: nil, directed: false)
        XCTAssertEqual(panel.places.map(\.name), ["heihe", "Blagoveshchensk", "Harbin"])
    }
}
