import CooperationNetwork
import Foundation
import JobFiles
import XCTest

/// links.csv's spell form (`start`, `end`), implicit spells of link-year rows,
/// and the uncertainty columns: each bad case names file, line and field.
final class TieSpellTests: XCTestCase {
    private typealias P = PanelInput
    private static let header = "source,target,year,start,end,layer,weight,estimated,rel_error,date_uncertainty,alt_layer"

    private func load(_ rows: [String], years: ClosedRange<Int>? = 2000...2005) throws -> Panel {
        try P.load(links: [Self.header] + rows, years: years)
    }

    func testSpellRowsExpandToEveryYearAndOpenEndsRunToTheLastYear() throws {
        let panel = try load([
            "heihe,blag,,2001,2003,industrial_park,2,,,1,",
            "harbin,blag,,2004,,transport_corridor,1,,0.3,,institutional",
            "heihe,blag,2000,,,trade,0.5,true,,,",
            "heihe,blag,2001,,,trade,0.7,true,,,",
            "heihe,blag,2003,,,trade,0.9,true,,,",
        ])
        let park = try XCTUnwrap(panel.layers.firstIndex(of: .industrialPark))
        XCTAssertEqual(panel.links.filter { $0.layer == park }.map(\.year), [2001, 2002, 2003])
        let corridor = try XCTUnwrap(panel.layers.firstIndex(of: .transportCorridor))
        let corridorLinks = panel.links.filter { $0.layer == corridor }
        XCTAssertEqual(corridorLinks.map(\.year), [2004, 2005])
        XCTAssertEqual(corridorLinks.first?.relError, 0.3)
        XCTAssertEqual(corridorLinks.first?.alternativeLayer, panel.layers.firstIndex(of: .institutional))
        // Spells: two explicit, then the trade rows' runs 2000–2001 and 2003.
        XCTAssertEqual(panel.spells.map { [$0.start, $0.end] }, [[2001, 2003], [2004, 2005], [2000, 2001], [2003, 2003]])
        XCTAssertEqual(panel.spells[0].dateUncertainty, 1)
        let trade = try XCTUnwrap(panel.layers.firstIndex(of: .trade))
        XCTAssertEqual(panel.links.filter { $0.layer == trade }.map(\.spell), [2, 2, 3])
    }

    func testUndirectedRowsOfBothOrientationsShareAnImplicitSpell() throws {
        let panel = try load(["heihe,blag,2000,,,trade,1,,,,", "blag,heihe,2001,,,trade,1,,,,"])
        XCTAssertEqual(panel.spells.count, 1)
        XCTAssertEqual(panel.spells.first.map { [$0.start, $0.end] }, [2000, 2001])
    }

    func testEndBeforeStart() {
        P.assertSingle(
            P.issues { try load(["heihe,blag,,2003,2001,trade,1,,,,"]) }, file: "links.csv", line: 2,
            field: "end", contains: "end 2001 is before start 2003")
    }

    func testSpellOutsideTheYears() {
        P.assertSingle(
            P.issues { try load(["heihe,blag,,1998,2001,trade,1,,,,"]) }, file: "links.csv", line: 2,
            field: "start", contains: "start 1998 is outside the job's years 2000–2005")
        P.assertSingle(
            P.issues { try load(["heihe,blag,,2001,2009,trade,1,,,,"]) }, file: "links.csv", line: 2,
            field: "end", contains: "end 2009 is outside")
    }

    func testYearAndStartTogether() {
        P.assertSingle(
            P.issues { try load(["heihe,blag,2001,2001,,trade,1,,,,"]) }, file: "links.csv", line: 2,
            field: "start", contains: "either 'year'")
    }

    func testOverlappingSpellsOfOneTie() {
        P.assertSingle(
            P.issues {
                try load([
                    "heihe,blag,,2000,2003,industrial_park,1,,,,",
                    "blag,heihe,,2003,,industrial_park,1,,,,",
                ])
            },
            file: "links.csv", line: 3, field: "start", contains: "overlapping spells")
    }

    func testLinkYearInsideASpellOfTheSameTie() {
        P.assertSingle(
            P.issues { try load(["heihe,blag,,2000,2003,trade,1,,,,", "heihe,blag,2002,,,trade,1,,,,"]) },
            file: "links.csv", line: 3, field: "year", contains: "inside the spell on line 2")
    }

    func testBadUncertaintyColumns() {
        P.assertSingle(
            P.issues { try load(["heihe,blag,2001,,,trade,1,,-0.2,,"]) }, file: "links.csv", line: 2,
            field: "rel_error", contains: "not a relative error ≥ 0")
        P.assertSingle(
            P.issues { try load(["heihe,blag,,2001,,trade,1,,,1.5,"]) }, file: "links.csv", line: 2,
            field: "date_uncertainty", contains: "whole number of years")
        P.assertSingle(
            P.issues { try load(["heihe,blag,,2001,,trade,1,,,,Parks"]) }, file: "links.csv", line: 2,
            field: "alt_layer", contains: "not a valid layer name")
        P.assertSingle(
            P.issues { try load(["heihe,blag,2001,,,trade,1,,,2,"]) }, file: "links.csv", line: 2,
            field: "date_uncertainty", contains: "belongs to a spell row")
        XCTAssertNoThrow(try load(["heihe,blag,2001,,,trade,1,,,0,"]), "0 on a year row says nothing")
    }

    func testAHeaderWithoutYearOrStart() {
        P.assertSingle(
            P.issues { try P.load(links: ["source,target,layer,weight", "heihe,blag,trade,1"]) },
            file: "links.csv", line: 1, field: "year", contains: "missing time column")
    }
}

/// Sums of given weights are printed at the data's decimals (docs/OUTPUTS.md).
final class WeightDecimalsTests: XCTestCase {
    func testDecimalsOfTheWeightsBoundTheRoundingOfSums() throws {
        let links = [
            "source,target,year,layer,weight", "heihe,blag,2000,trade,0.1", "harbin,blag,2000,trade,0.2",
            "heihe,harbin,2001,trade,1.25",
        ]
        let panel = try PanelInput.load(links: links, years: 2000...2001)
        XCTAssertEqual(panel.weightDecimals, 2)
        XCTAssertNotEqual(0.1 + 0.2, 0.3, "binary residue the rule removes")
        XCTAssertEqual(panel.roundedSum(0.1 + 0.2), 0.3)
        XCTAssertEqual(panel.roundedSum(1.9999999999999998), 2)
        let exponent = try PanelInput.load(
            links: ["source,target,year,layer,weight", "heihe,blag,2000,trade,1e-3"],
            years: 2000...2000)
        XCTAssertNil(exponent.weightDecimals, "an exponent leaves sums unrounded")
        XCTAssertEqual(exponent.roundedSum(0.1 + 0.2), 0.1 + 0.2)
    }
}
