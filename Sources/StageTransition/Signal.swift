/// A multivariate series to segment: `rows` observations (years) of `dims`
/// indicators, stored row-major (`values[row * dims + column]`).
///
/// Every value is finite (checked at construction), so the costs never see
/// a NaN.
package struct Signal: Sendable, Hashable {
    /// Number of observations (n).
    package let rows: Int
    /// Number of columns (d).
    package let dims: Int
    /// Row-major values, `rows × dims` of them.
    package let values: [Double]

    /// A signal from row-major values.
    package init(rows: Int, dims: Int, values: [Double]) throws(SegmentationError) {
        guard rows > 0 else { throw .emptySignal }
        guard dims > 0 else { throw .noDimensions }
        guard values.count == rows * dims else {
            throw .shapeMismatch(rows: rows, dims: dims, values: values.count)
        }
        if let bad = values.firstIndex(where: { !$0.isFinite }) {
            throw .nonFinite(row: bad / dims, column: bad % dims)
        }
        self.rows = rows
        self.dims = dims
        self.values = values
    }

    /// A signal from a list of rows, all of the same length.
    package init(rows table: [[Double]]) throws(SegmentationError) {
        guard let first = table.first else { throw .emptySignal }
        var flat: [Double] = []
        flat.reserveCapacity(table.count * first.count)
        for (index, row) in table.enumerated() {
            guard row.count == first.count else {
                throw .raggedRow(row: index, expected: first.count, actual: row.count)
            }
            flat.append(contentsOf: row)
        }
        try self.init(rows: table.count, dims: first.count, values: flat)
    }

    /// The value at (row, column).
    @inlinable
    package subscript(row: Int, column: Int) -> Double {
        values[row * dims + column]
    }

    /// Column-wise z-scores: (x − mean) / std with the *population* standard
    /// deviation (numpy's default `ddof = 0`), so that every column weighs the
    /// same in the multivariate costs.
    ///
    /// A column whose values are all equal has no scale: it becomes all zeros
    /// (it then adds nothing to the `l2` cost and a constant to the `normal`
    /// cost, so it never moves a breakpoint). Testing "all equal" rather than
    /// "std == 0" avoids dividing by a rounding residue.
    package func standardized() -> Signal {
        var out = values
        let count = Double(rows)
        for column in 0..<dims {
            let first = values[column]
            var sum = 0.0
            var constant = true
            for row in 0..<rows {
                let x = values[row * dims + column]
                sum += x
                if x != first { constant = false }
            }
            if constant {
                for row in 0..<rows { out[row * dims + column] = 0 }
                continue
            }
            // Two-pass mean (the correction pass recovers the digits a large
            // offset costs the plain sum).
            var mean = sum / count
            var residual = 0.0
            for row in 0..<rows { residual += values[row * dims + column] - mean }
            mean += residual / count
            var squares = 0.0
            for row in 0..<rows {
                let deviation = values[row * dims + column] - mean
                squares += deviation * deviation
            }
            let std = (squares / count).squareRoot()
            for row in 0..<rows {
                out[row * dims + column] = (values[row * dims + column] - mean) / std
            }
        }
        // Rows and dims are unchanged and z-scores of finite values are finite.
        return Signal(unchecked: rows, dims: dims, values: out)
    }

    /// The values with every column shifted to mean ≈ 0: the costs are
    /// shift-invariant, and centring keeps their prefix sums small.
    func centredValues() -> [Double] {
        var centred = values
        for column in 0..<dims {
            var sum = 0.0
            for row in 0..<rows { sum += centred[row * dims + column] }
            let mean = sum / Double(rows)
            for row in 0..<rows { centred[row * dims + column] -= mean }
        }
        return centred
    }

    /// For transformations that provably keep the invariants.
    init(unchecked rows: Int, dims: Int, values: [Double]) {
        self.rows = rows
        self.dims = dims
        self.values = values
    }
}
