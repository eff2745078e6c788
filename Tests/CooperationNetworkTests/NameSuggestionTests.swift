import CooperationNetwork
import XCTest

/// "Did you mean" and the validation of in-memory records.
final class NameSuggestionTests: XCTestCase {
    func testCloseSpellingsAreSuggested() {
        XCTAssertEqual(NameSuggestion.closest(to: "bootstarp", in: ["stages", "bootstrap"]), "bootstrap")
        XCTAssertEqual(NameSuggestion.closest(to: "Lat", in: ["lat", "lon"]), "lat")
        XCTAssertEqual(NameSuggestion.closest(to: "harbni", in: ["heihe", "harbin"]), "harbin")
    }

    /// Equally close candidates: the earliest in the given order wins (the documented tie rule).
    func testTiesGoToTheEarliestCandidate() {
        XCTAssertEqual(NameSuggestion.closest(to: "cat", in: ["bat", "cot", "cut"]), "bat")
        XCTAssertEqual(NameSuggestion.closest(to: "cat", in: ["cut", "cot", "bat"]), "cut")
        XCTAssertEqual(NameSuggestion.closest(to: "cat", in: ["cart", "cats", "ca"]), "cart")
        XCTAssertEqual(NameSuggestion.closest(to: "Amu", in: ["Amur Oblast", "Amursky"]), "Amur Oblast", "prefix ties too")
    }

    func testFarNamesAreNotSuggested() {
        XCTAssertNil(NameSuggestion.closest(to: "xyz", in: ["national", "regional", "local"]))
        XCTAssertNil(NameSuggestion.closest(to: "pelts", in: ["dynp", "binseg"]))
        XCTAssertEqual(NameSuggestion.hint(for: "zzz", in: ["a"]), "")
    }

    func testPrefixesAreSuggestedWhenNoSpellingIsClose() {
        XCTAssertEqual(NameSuggestion.closest(to: "Amur", in: ["Heilongjiang", "Amur Oblast"]), "Amur Oblast")
        XCTAssertEqual(NameSuggestion.closest(to: "latitude", in: ["lat", "lon"]), "lat")
        XCTAssertNil(NameSuggestion.closest(to: "Am", in: ["Amur Oblast"]))
    }

    func testEmptyRecordsAreReportedWithoutLines() {
        XCTAssertThrowsError(
            try PanelValidation.panel(
                places: [], placesFile: "p", links: [], linksFile: "l",
                years: nil, directed: false)
        ) { error in
            let issues = (error as? InputError)?.issues ?? []
            XCTAssertEqual(issues.map(\.file), ["p", "l"])
            XCTAssertEqual(issues.map(\.line), [nil, nil])
        }
    }

    func testRecordsFromAnySourceBuildAPanel() throws {
        let places = [
            PlaceRecord(
                line: 1, id: "a", name: "A", country: "CN", kind: "", scale: "local", region: "R1",
                latitude: "0", longitude: "0"),
            PlaceRecord(
                line: 2, id: "b", name: "", country: "RU", kind: "", scale: "national", region: "R2",
                latitude: "-90", longitude: "180"),
        ]
        let links = [LinkRecord(line: 1, source: "a", target: "b", year: "2001", layer: "trade", weight: "2")]
        let panel = try PanelValidation.panel(
            places: places, placesFile: "p", links: links, linksFile: "l",
            years: nil, directed: false)
        XCTAssertEqual(panel.years, 2001...2001)
        XCTAssertEqual(panel.places[1].name, "b")
        XCTAssertTrue(panel.isCrossBorder(panel.links[0]))
    }
}
