import StageTransition
import XCTest

/// The tie rules of docs/METHODS.md §4, each on a signal whose costs are exact binary
/// fractions, so that the tie is exact and the rule alone decides.
final class TieRuleTests: XCTestCase {
    /// [0,0 | 1,1,0,0] and [0,0,1,1 | 0,0] both cost 1: the earliest breakpoint wins
    /// (ruptures's first minimum).
    func testEqualCostSegmentationsGoToTheEarliestBreakpoints() throws {
        let signal = try Signal(rows: 6, dims: 1, values: [0, 0, 1, 1, 0, 0])
        let found = try ChangePoints.optimal(signal, breaks: 1, cost: .l2, minSize: 2)
        XCTAssertEqual(found.breakpoints, [2, 6])
        XCTAssertEqual(found.cost, 1)
        // A tie of costs that are not binary fractions (4/3 each, from different prefix
        // sums): equal within the documented 1e-12, so the earliest still wins.
        let longer = try Signal(rows: 8, dims: 1, values: [0, 0, 1, 1, 0, 0, 1, 1])
        XCTAssertEqual(try ChangePoints.optimal(longer, breaks: 1, cost: .l2, minSize: 2).breakpoints, [2, 8])
    }

    /// Q(0) = 3/2, Q(1) = 3/4, Q(2) = 0 on [0,0,1,1,1,0]: at a per-segment penalty of
    /// 3/4 every k in 0…2 has the criterion 9/4, and the smallest k wins.
    func testAutomaticKTiesGoToTheSmallerK() throws {
        let signal = try Signal(rows: 6, dims: 1, values: [0, 0, 1, 1, 1, 0])
        func automatic(_ pen: Double) throws -> [Int] {
            try ChangePoints.automatic(signal, penalty: .value(pen), maxBreaks: 2, cost: .l2, minSize: 1).breakpoints
        }
        XCTAssertEqual(try automatic(0.75), [6])
        XCTAssertEqual(try automatic(0.75 - 1e-6), [2, 5, 6])
        // k = 1 ties k = 0 at 0.75 only and k = 2 only there too: it is never chosen.
        XCTAssertEqual(try automatic(0.75 + 1e-6), [6])
    }

    /// The same collinear Q(k): the penalty path keeps k = 2 below 3/4 and k = 0 above,
    /// and k = 1 — optimal at 3/4 alone, where the smaller k wins — is not a segment.
    func testPenaltyPathDropsAKOptimalOnlyAtATie() throws {
        let signal = try Signal(rows: 6, dims: 1, values: [0, 0, 1, 1, 1, 0])
        let path = try ChangePoints.penaltyPath(signal, penalty: .value(0.75), maxBreaks: 2, cost: .l2, minSize: 1)
        XCTAssertEqual(path.segments.map(\.breakpoints), [[2, 5, 6], [6]])
        XCTAssertEqual(path.segments.map(\.penaltyHigh).first, 0.75)
        XCTAssertEqual(path.segments.map(\.penaltyLow).last, 0.75)
    }
}
