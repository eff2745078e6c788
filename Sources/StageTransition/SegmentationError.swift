/// Why a change-point request cannot be answered.
///
/// These are requests that are impossible for the data at hand (too many
/// breaks for the number of rows and the minimum segment length, an empty
/// series, a negative penalty), not programming errors: callers report them
/// to the user.
package enum SegmentationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The series has no rows.
    case emptySignal
    /// The series has no columns.
    case noDimensions
    /// `values.count` is not `rows × dims`.
    case shapeMismatch(rows: Int, dims: Int, values: Int)
    /// Row `row` (0-based) has `actual` values where the first row has `expected`.
    case raggedRow(row: Int, expected: Int, actual: Int)
    /// A NaN or an infinity at (row, column), both 0-based.
    case nonFinite(row: Int, column: Int)
    /// `min_size` must be at least 1.
    case invalidMinSize(Int)
    /// The number of breaks must be at least 0.
    case negativeBreaks(Int)
    /// `breaks` breaks need `(breaks + 1) × minSize` rows (ruptures `sanity_check` with jump = 1).
    case tooManyBreaks(breaks: Int, rows: Int, minSize: Int)
    /// Even one segment needs `minSize` rows.
    case tooFewRows(rows: Int, minSize: Int)
    /// A penalty must be a finite number ≥ 0.
    case invalidPenalty(Double)
    /// End indices that do not increase to n with segments long enough for the cost.
    case invalidBreakpoints([Int], rows: Int)
    /// No segmentation with `breaks` breaks leaves every segment `minSize` rows
    /// outside the dating blur of its boundaries (`BoundaryBlur`).
    case blurLeavesNoRoom(breaks: Int, rows: Int, minSize: Int)

    package var description: String {
        switch self {
        case .emptySignal:
            return "the series has no rows"
        case .noDimensions:
            return "the series has no columns"
        case .shapeMismatch(let rows, let dims, let values):
            return "\(values) values cannot form \(rows) rows × \(dims) columns"
        case .raggedRow(let row, let expected, let actual):
            return "row \(row) has \(actual) values, expected \(expected)"
        case .nonFinite(let row, let column):
            return "row \(row), column \(column) is not a finite number"
        case .invalidMinSize(let size):
            return "the minimum segment length must be at least 1 (got \(size))"
        case .negativeBreaks(let breaks):
            return "the number of breaks must be at least 0 (got \(breaks))"
        case .tooManyBreaks(let breaks, let rows, let minSize):
            return
                "\(breaks) breaks need at least \((breaks + 1) * minSize) rows with a minimum segment length of \(minSize); the series has \(rows)"
        case .tooFewRows(let rows, let minSize):
            return "the series has \(rows) rows, fewer than the minimum segment length \(minSize)"
        case .invalidPenalty(let value):
            return "the penalty must be a finite number ≥ 0 (got \(value))"
        case .invalidBreakpoints(let ends, let rows):
            return "breakpoints \(ends) are not increasing end indices ending at n = \(rows) with long enough segments"
        case .blurLeavesNoRoom(let breaks, let rows, let minSize):
            return
                "\(breaks) breaks do not fit \(rows) years with \(minSize) years per stage outside the dating uncertainty of its boundaries"
        }
    }
}
