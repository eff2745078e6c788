/// A row-major matrix of doubles in one array: a replicate's indicator rows (years ×
/// indicator columns).
///
/// Why not `[[Double]]`: a result carries one matrix per replicate and the coordinator
/// decodes every result; nested arrays would cost one allocation per year row, the
/// largest part of decoding.
package struct RowMatrix: Sendable, Hashable {
    package let rowCount: Int
    package let columnCount: Int
    /// Row after row (`rowCount × columnCount` values).
    package let values: [Double]

    /// No rows (what replicates outside the baseline scenario carry).
    package init() {
        rowCount = 0
        columnCount = 0
        values = []
    }

    /// - Precondition: every row has as many values as the first.
    package init(rows: [[Double]]) {
        let columns = rows.first?.count ?? 0
        precondition(rows.allSatisfy { $0.count == columns }, "RowMatrix rows of different lengths")
        rowCount = rows.count
        columnCount = columns
        var values: [Double] = []
        values.reserveCapacity(rows.count * columns)
        for row in rows { values.append(contentsOf: row) }
        self.values = values
    }

    /// - Precondition: `values.count == rowCount × columnCount`.
    init(rowCount: Int, columnCount: Int, values: [Double]) {
        precondition(values.count == rowCount * columnCount, "RowMatrix shape does not match its values")
        self.rowCount = rowCount
        self.columnCount = columnCount
        self.values = values
    }

    @inlinable
    package subscript(row: Int, column: Int) -> Double { values[row * columnCount + column] }
}
