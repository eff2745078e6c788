import StageTransition
import TestSupport
import XCTest

/// The O(1) prefix-sum costs stay accurate where naive prefix sums lose
/// digits: a long raw series with a large offset, short segments far into it.
final class CostAccuracyTests: XCTestCase {
    func testRawSeriesWithLargeOffsetKeepsPreciseCosts() throws {
        var random = TestRandom(seed: 31)
        let rows = 5000
        let dims = 2
        let values = random.steps(rows: rows, dims: dims).map { 1e7 + $0 }
        let signal = try Signal(rows: rows, dims: dims, values: values)
        for model in CostModel.allCases {
            let whole = try ChangePoints.segmentCosts(of: [rows], in: signal, cost: model)
            let direct = DirectCost.cost(model, values, dims: dims, 0, rows)
            XCTAssertEqual(whole[0], direct, accuracy: 1e-9 * abs(direct), "\(model)")
            for start in stride(from: 4000, to: 4990, by: 97) {
                for length in [2, 3, 7] {
                    let costs = try ChangePoints.segmentCosts(of: [start, start + length, rows], in: signal, cost: model)
                    let expected = DirectCost.cost(model, values, dims: dims, start, start + length)
                    XCTAssertEqual(costs[1], expected, accuracy: 1e-9 * max(1, abs(expected)), "\(model) \(start)+\(length)")
                }
            }
        }
    }

    func testSegmentCostsRejectMalformedBreakpoints() throws {
        let signal = try Signal(rows: 6, dims: 1, values: [1, 2, 3, 4, 5, 6])
        for bad in [[], [3], [3, 3, 6], [4, 2, 6], [0, 6], [3, 7]] {
            XCTAssertThrowsError(try ChangePoints.segmentCosts(of: bad, in: signal, cost: .l2), "\(bad)")
        }
        XCTAssertThrowsError(try ChangePoints.segmentCosts(of: [1, 6], in: signal, cost: .normal))
        XCTAssertEqual(try ChangePoints.segmentCosts(of: [1, 6], in: signal, cost: .l2), [0, 10])
    }
}
