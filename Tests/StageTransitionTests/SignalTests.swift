import StageTransition
import TestSupport
import XCTest

final class SignalTests: XCTestCase {
    func testStandardizationUsesThePopulationStandardDeviation() throws {
        var random = TestRandom(seed: 21)
        let rows = 37
        let dims = 4
        var values = random.steps(rows: rows, dims: dims)
        for t in 0..<rows { values[t * dims + 2] = 1e4 + 1e-2 * values[t * dims + 2] }
        let z = try Signal(rows: rows, dims: dims, values: values).standardized()
        for j in 0..<dims {
            let column = (0..<rows).map { z[$0, j] }
            let mean = column.reduce(0, +) / Double(rows)
            let variance = column.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(rows)
            XCTAssertEqual(mean, 0, accuracy: 1e-9)
            XCTAssertEqual(variance, 1, accuracy: 1e-9)
            // z-scores keep the order of the raw values.
            for t in 1..<rows {
                let raw = values[t * dims + j] - values[(t - 1) * dims + j]
                XCTAssertEqual(raw.sign, (column[t] - column[t - 1]).sign)
            }
        }
    }

    func testConstantColumnBecomesZeros() throws {
        let signal = try Signal(rows: [[0.1, 1], [0.1, 2], [0.1, 4]])
        let z = signal.standardized()
        XCTAssertEqual((0..<3).map { z[$0, 0] }, [0, 0, 0])
        XCTAssertNotEqual(z[2, 1], 0)
    }

    func testRejectsMalformedSignals() {
        XCTAssertThrowsError(try Signal(rows: [])) { XCTAssertEqual($0 as? SegmentationError, .emptySignal) }
        XCTAssertThrowsError(try Signal(rows: [[1, 2], [3]])) {
            XCTAssertEqual($0 as? SegmentationError, .raggedRow(row: 1, expected: 2, actual: 1))
        }
        XCTAssertThrowsError(try Signal(rows: [[1, 2], [3, .nan]])) {
            XCTAssertEqual($0 as? SegmentationError, .nonFinite(row: 1, column: 1))
        }
        XCTAssertThrowsError(try Signal(rows: 2, dims: 2, values: [1, 2, 3])) {
            XCTAssertEqual($0 as? SegmentationError, .shapeMismatch(rows: 2, dims: 2, values: 3))
        }
        XCTAssertThrowsError(try Signal(rows: [[], []])) { XCTAssertEqual($0 as? SegmentationError, .noDimensions) }
    }
}
