import Analysis
import TestSupport
import XCTest

/// Adjusted Rand index against scikit-learn (scripts/fixtures/ari.py).
final class AdjustedRandIndexTests: XCTestCase {
    struct Case: Decodable { var a: [Int]; var b: [Int]; var ari: Double }
    struct Doc: Decodable { var cases: [Case] }

    func testAgreesWithScikitLearn() throws {
        let doc = try Fixtures.load(Doc.self, "indicators/ari.json")
        XCTAssertGreaterThanOrEqual(doc.cases.count, 30)
        for c in doc.cases {
            XCTAssertEqual(adjustedRandIndex(c.a, c.b), c.ari, accuracy: 1e-12, "\(c.a) vs \(c.b)")
        }
    }
}
