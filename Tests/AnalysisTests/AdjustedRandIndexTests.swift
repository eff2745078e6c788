import Analysis
import TestSupport
import XCTest

/// Adjusted Rand index against scikit-learn (scripts/fixtures/ari.py).
final class AdjustedRandIndexTests: XCTestCase {
    struct Case: Decodable {
        var a: [Int]
        var b: [Int]
        var ari: Double
    }
    struct Doc: Decodable { var cases: [Case] }

    func testAgreesWithScikitLearn() throws {
        let doc = try Fixtures.load(Doc.self, "indicators/ari.json")
        XCTAssertGreaterThanOrEqual(doc.cases.count, 30)
        for c in doc.cases {
            XCTAssertEqual(adjustedRandIndex(c.a, c.b), c.ari, accuracy: 1e-12, "\(c.a) vs \(c.b)")
        }
    }
}

/// The stage-labelling rule of docs/METHODS.md §5.
final class StageLabelTests: XCTestCase {
    func testDominantIsTheLargestRelativeShare() {
        // trade is the largest share but only at its usual level; parks are 3× their mean.
        XCTAssertEqual(StageLabel.shareRatio(stageMeans: [0.6, 0.3, 0.1], panelMeans: [0.7, 0.1, 0.2]).winner, 1)
        XCTAssertEqual(StageLabel.shareRatio(stageMeans: [0.9, 0.1], panelMeans: [0.5, 0.5]).winner, 0)
    }

    func testZeroPanelMeansAreSkippedAndTiesKeepTheFirst() {
        XCTAssertEqual(StageLabel.shareRatio(stageMeans: [0, 0.5, 0.5], panelMeans: [0, 0.25, 0.25]).winner, 1)
        XCTAssertNil(StageLabel.shareRatio(stageMeans: [0, 0], panelMeans: [0, 0]).winner)
    }

    func testNames() {
        XCTAssertEqual(
            StageLabel.name(
                startYear: 1988, endYear: 1999, layer: "trade", scale: "local",
                coreNames: ["Heihe", "Suifenhe"]),
            "1988–1999 · trade-based · local scale · core: Heihe, Suifenhe")
        XCTAssertEqual(StageLabel.adjective(forLayer: "transport_corridor"), "transport-corridor-oriented")
        XCTAssertEqual(StageLabel.adjective(forLayer: "industrial_park"), "industrial-park-based")
    }
}
