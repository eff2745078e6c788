import StageTransition
import XCTest

/// Requests ruptures rejects (`BadSegmentationParameters`) or that make no
/// sense get typed errors, never a crash.
final class ImpossibleRequestTests: XCTestCase {
    private let signal = try! Signal(rows: 10, dims: 1, values: (0..<10).map(Double.init))

    func testTooManyBreaksForTheMinimumSize() throws {
        // ruptures sanity_check: (k + 1)·m ≤ n.
        XCTAssertNoThrow(try ChangePoints.optimal(signal, breaks: 4, cost: .l2, minSize: 2))
        XCTAssertThrowsError(try ChangePoints.optimal(signal, breaks: 5, cost: .l2, minSize: 2)) {
            XCTAssertEqual($0 as? SegmentationError, .tooManyBreaks(breaks: 5, rows: 10, minSize: 2))
        }
        // normal raises min_size to 2 even when 1 is asked.
        XCTAssertThrowsError(try ChangePoints.optimal(signal, breaks: 5, cost: .normal, minSize: 1)) {
            XCTAssertEqual($0 as? SegmentationError, .tooManyBreaks(breaks: 5, rows: 10, minSize: 2))
        }
        XCTAssertEqual(try ChangePoints.optimal(signal, breaks: 9, cost: .l2, minSize: 1).breakpoints, Array(1...10))
    }

    func testTooFewRowsNegativeValuesAndBadPenalties() {
        XCTAssertThrowsError(try ChangePoints.pelt(signal, penalty: .bic, cost: .l2, minSize: 11)) {
            XCTAssertEqual($0 as? SegmentationError, .tooFewRows(rows: 10, minSize: 11))
        }
        XCTAssertThrowsError(try ChangePoints.optimal(signal, breaks: -1, cost: .l2, minSize: 2)) {
            XCTAssertEqual($0 as? SegmentationError, .negativeBreaks(-1))
        }
        XCTAssertThrowsError(try ChangePoints.pelt(signal, penalty: .bic, cost: .l2, minSize: 0)) {
            XCTAssertEqual($0 as? SegmentationError, .invalidMinSize(0))
        }
        XCTAssertThrowsError(try ChangePoints.pelt(signal, penalty: .value(-1), cost: .l2, minSize: 2)) {
            XCTAssertEqual($0 as? SegmentationError, .invalidPenalty(-1))
        }
        XCTAssertThrowsError(try ChangePoints.automatic(signal, penalty: .value(.infinity), maxBreaks: 2, cost: .l2, minSize: 2))
    }

    /// K is capped at what fits: a huge maxBreaks is not an error.
    func testAutomaticCapsTheNumberOfBreaks() throws {
        let steps = try Signal(rows: 12, dims: 1, values: [0, 0, 0, 9, 9, 9, 0, 0, 0, 9, 9, 9])
        let result = try ChangePoints.automatic(steps, penalty: .value(1), maxBreaks: 100, cost: .l2, minSize: 3)
        XCTAssertEqual(result.breakpoints, [3, 6, 9, 12])
        XCTAssertEqual(result.cost, 0)
        XCTAssertEqual(result.segments, [0..<3, 3..<6, 6..<9, 9..<12])
    }
}
