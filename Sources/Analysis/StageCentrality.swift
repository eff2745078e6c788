import Centrality

/// One centrality measure of every panel place over a stage's years: the mean
/// (inactive years count as 0), the range across those years and the years active —
/// what centrality_by_period.csv tabulates and the report's stage maps draw.
package struct StageCentrality: Sendable {
    /// Per panel place (indexed like `Panel.places`).
    package var mean: [Double]
    package var min: [Double]
    package var max: [Double]
    /// Years of the stage in which the place is active (has this measure).
    package var yearsActive: [Int]

    /// - Parameter years: the stage's rows of the baseline centrality, in year order.
    package init(measure: CentralityMeasure, years: [YearCentrality], placeCount: Int) {
        var sum = [Double](repeating: 0, count: placeCount)
        var lo = [Double](repeating: .infinity, count: placeCount)
        var hi = [Double](repeating: -.infinity, count: placeCount)
        var active = [Int](repeating: 0, count: placeCount)
        var value = [Double](repeating: 0, count: placeCount)
        for yc in years {
            for p in value.indices { value[p] = 0 }
            if let values = yc.values[measure] {
                for (i, p) in yc.activePlaces.enumerated() {
                    value[p] = values[i]
                    active[p] += 1
                }
            }
            for p in 0..<placeCount {
                sum[p] += value[p]
                lo[p] = Swift.min(lo[p], value[p])
                hi[p] = Swift.max(hi[p], value[p])
            }
        }
        let count = Double(Swift.max(1, years.count))
        mean = sum.map { $0 / count }
        min = lo
        max = hi
        yearsActive = active
    }
}
