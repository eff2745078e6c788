import StageTransition
import XCTest

/// Breakpoints must equal ruptures 1.1.10's exactly (Dynp, Pelt and the
/// automatic choice built from Dynp), and the cost of the result must equal
/// the cost ruptures's own cost object gives it, within 1e-8 relative.
///
/// Exact ties (`ties_*` fixtures) go to the earliest candidate, as Python's
/// `min` does on equal values; where ruptures's own floats broke an exact
/// rational tie by one ulp, the fixture's `exact_bkps` is expected instead
/// (the cost check still compares with ruptures's answer: same objective).
final class RupturesAgreementTests: XCTestCase {
    func testFixtureSetCoversTheRequiredCases() throws {
        let fixtures = try RupturesFixture.all()
        XCTAssertGreaterThanOrEqual(fixtures.count, 30)
        XCTAssertTrue(fixtures.allSatisfy { $0.ruptures.hasSuffix("1.1.10") && $0.params.jump == 1 })
        XCTAssertEqual(Set(fixtures.map(\.n)).intersection([37, 200, 2000]), [37, 200, 2000])
        XCTAssertEqual(Set(fixtures.map(\.dims)), Set(1...6))
        XCTAssertEqual(Set(fixtures.map(\.params.algorithm)), ["dynp", "pelt", "dynp_auto"])
        XCTAssertEqual(Set(fixtures.map(\.params.model)), ["l2", "normal"])
        XCTAssertTrue(Set(fixtures.map(\.params.minSize)).isSuperset(of: [1, 2, 3, 5]))
        XCTAssertTrue(fixtures.contains { $0.n == 2000 && $0.params.algorithm == "pelt" && $0.dims == 5 })
        let ties = fixtures.filter { $0.name.hasPrefix("ties_") }
        XCTAssertGreaterThanOrEqual(ties.count, 5)
        // Outside tie fixtures, ruptures's own answer is the one expected.
        XCTAssertTrue(fixtures.filter { $0.exactBkps != nil }.allSatisfy { $0.name.hasPrefix("ties_") })
    }

    func testBreakpointsAndCostsEqualRuptures() throws {
        for fixture in try RupturesFixture.all() {
            let result = try segment(fixture)
            XCTAssertEqual(result.breakpoints, fixture.expectedBreakpoints, fixture.name)
            let scale = max(abs(fixture.cost), fixture.segmentCosts.reduce(0) { $0 + abs($1) })
            XCTAssertLessThanOrEqual(
                abs(result.cost - fixture.cost), 1e-8 * scale,
                "\(fixture.name): cost \(result.cost) vs ruptures \(fixture.cost)")
        }
    }

    /// The fixtures' `bic` (2·p·ln n, σ = 1) is transborder's `bic_unit`: it
    /// resolves to the number ruptures was given.
    func testBicPenaltyMatchesTheFixtureValue() throws {
        let bicFixtures = try RupturesFixture.all().filter { $0.params.penaltyName == "bic" }
        XCTAssertGreaterThan(bicFixtures.count, 5)
        for fixture in bicFixtures {
            let cost = try XCTUnwrap(CostModel(rawValue: fixture.params.model))
            let terms = try Penalty.bicUnit.terms(rows: fixture.n, dims: fixture.dims, cost: cost)
            let expected = try XCTUnwrap(fixture.params.pen)
            XCTAssertEqual(terms.perSegment, expected, accuracy: 1e-12 * expected, fixture.name)
            XCTAssertEqual(terms.lengthWeight, 0)
        }
    }

    /// Runs a fixture through the one-call entry point (`ChangePoints.segment`),
    /// naming the penalty `bic_unit` where the fixture said `bic`.
    private func segment(_ fixture: RupturesFixture) throws -> Segmentation {
        let signal = try Signal(rows: fixture.signal)
        XCTAssertEqual(signal.rows, fixture.n)
        XCTAssertEqual(signal.dims, fixture.dims)
        let cost = try XCTUnwrap(CostModel(rawValue: fixture.params.model), fixture.name)
        var penalty = Penalty.bicUnit
        if fixture.params.penaltyName != "bic", let pen = fixture.params.pen {
            penalty = .value(pen)
        }
        var settings = SegmentationSettings(
            cost: cost, minSize: fixture.params.minSize,
            penalty: penalty, standardize: fixture.standardize)
        switch fixture.params.algorithm {
        case "dynp":
            settings.method = .dynp
            settings.breaks = try XCTUnwrap(fixture.params.nBkps)
        case "dynp_auto":
            settings.method = .dynp
            settings.maxBreaks = try XCTUnwrap(fixture.params.maxBreaks)
        case "pelt":
            settings.method = .pelt
        default:
            XCTFail("unknown algorithm \(fixture.params.algorithm)")
        }
        return try ChangePoints.segment(signal, settings: settings)
    }
}
