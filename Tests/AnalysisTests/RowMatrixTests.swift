import Analysis
import XCTest

/// The flat indicator matrix that replicate outcomes carry.
final class RowMatrixTests: XCTestCase {
    func testRowsAndSubscriptsAgreeWithTheNestedArrays() {
        let rows: [[Double]] = [[1, 2, 3], [4, 5, 6], [-0.0, .pi, 1e-300]]
        let matrix = RowMatrix(rows: rows)
        XCTAssertEqual(matrix.rowCount, 3)
        XCTAssertEqual(matrix.columnCount, 3)
        XCTAssertEqual(Self.rows(of: matrix).map { $0.map(\.bitPattern) }, rows.map { $0.map(\.bitPattern) })
        for t in rows.indices {
            for j in rows[t].indices { XCTAssertEqual(matrix[t, j].bitPattern, rows[t][j].bitPattern) }
        }
        XCTAssertEqual(matrix.values, [1, 2, 3, 4, 5, 6, -0.0, .pi, 1e-300])
    }

    func testEmptyMatricesAreEqualWhicheverWayTheyAreMade() {
        XCTAssertEqual(RowMatrix(), RowMatrix(rows: []))
        XCTAssertEqual(Self.rows(of: RowMatrix()), [])
        XCTAssertNotEqual(RowMatrix(rows: [[1]]), RowMatrix())
    }

    /// The rows read back through the subscript.
    static func rows(of matrix: RowMatrix) -> [[Double]] {
        (0..<matrix.rowCount).map { t in (0..<matrix.columnCount).map { matrix[t, $0] } }
    }
}
