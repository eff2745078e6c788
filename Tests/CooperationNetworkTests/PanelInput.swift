import CooperationNetwork
import Foundation
import JobFiles
import XCTest

/// Small places.csv / links.csv texts for the loader tests, and assertions on
/// the issues they produce.
enum PanelInput {
    static let placesHeader = "id,name,country,kind,scale,region,lat,lon"
    static let linksHeader = "source,target,year,layer,weight"

    /// Three places in two countries (header = line 1, heihe = line 2 …).
    static let places = [
        placesHeader,
        "heihe,Heihe,CN,border_port,local,Heilongjiang,50.24,127.49",
        "blag,Blagoveshchensk,RU,region_capital,regional,Amur Oblast,50.27,127.54",
        "harbin,Harbin,CN,region_capital,national,Heilongjiang,45.80,126.53",
    ]

    /// Three valid links (lines 2–4).
    static let links = [
        linksHeader,
        "heihe,blag,2000,trade,1.5",
        "harbin,blag,2001,transport_corridor,2",
        "heihe,harbin,2002,trade,0.5",
    ]

    static func data(_ lines: [String], separator: String = "\n") -> Data {
        Data((lines.joined(separator: separator) + separator).utf8)
    }

    static func load(
        places: [String] = places, links: [String] = links,
        years: ClosedRange<Int>? = 2000...2002, directed: Bool = false
    ) throws -> Panel {
        try PanelLoader.load(
            placesCSV: data(places), placesName: "places.csv",
            linksCSV: data(links), linksName: "links.csv", years: years, directed: directed)
    }

    /// The issues thrown by `body`; fails the test when it does not throw an `InputError`.
    static func issues(
        file: StaticString = #filePath, line: UInt = #line,
        _ body: () throws -> Any
    ) -> [InputIssue] {
        do {
            _ = try body()
            XCTFail("expected an InputError", file: file, line: line)
        } catch let error as InputError {
            return error.issues
        } catch {
            XCTFail("expected an InputError, got \(error)", file: file, line: line)
        }
        return []
    }

    /// Asserts that `issues` holds exactly one issue, at `path`:`line` in `field`, whose message contains `text`.
    static func assertSingle(
        _ issues: [InputIssue], file path: String, line expectedLine: Int?, field: String?,
        contains text: String, file: StaticString = #filePath, line: UInt = #line
    ) {
        XCTAssertEqual(issues.count, 1, "issues: \(issues)", file: file, line: line)
        guard let issue = issues.first else { return }
        XCTAssertEqual(issue.file, path, file: file, line: line)
        XCTAssertEqual(issue.line, expectedLine, file: file, line: line)
        XCTAssertEqual(issue.field, field, file: file, line: line)
        XCTAssertTrue(issue.message.contains(text), "message: \(issue.message)", file: file, line: line)
    }
}
