/// The yearly network indicator table of one panel (or one replicate):
/// rows = years, columns = indicators, the input of change-point detection.
package struct IndicatorSeries: Sendable, Hashable, Codable {
    package var years: [Int]
    package var columns: [String]
    /// values[row][column]
    package var values: [[Double]]

    package init(years: [Int], columns: [String], values: [[Double]]) {
        self.years = years
        self.columns = columns
        self.values = values
    }

    package func column(_ name: String) -> [Double]? {
        guard let j = columns.firstIndex(of: name) else { return nil }
        return values.map { $0[j] }
    }

    /// The sub-table of the named columns (all when `names` is empty).
    package func selecting(_ names: [String]) -> IndicatorSeries {
        guard !names.isEmpty else { return self }
        let idx = names.compactMap { columns.firstIndex(of: $0) }
        return IndicatorSeries(
            years: years, columns: idx.map { columns[$0] },
            values: values.map { row in idx.map { row[$0] } })
    }

    /// Mean of each column over rows `range`.
    package func means(over range: Range<Int>) -> [Double] {
        var sums = [Double](repeating: 0, count: columns.count)
        for r in range { for j in columns.indices { sums[j] += values[r][j] } }
        let count = Double(max(range.count, 1))
        return sums.map { $0 / count }
    }
}
