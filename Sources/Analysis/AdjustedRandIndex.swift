/// Adjusted Rand index (Hubert & Arabie 1985) between two labelings of the
/// same items: 1 for identical partitions, ~0 for chance agreement. Used to
/// compare a scenario's year→stage assignment with the baseline's. Two
/// single-cluster partitions count as identical (1).
package func adjustedRandIndex(_ a: [Int], _ b: [Int]) -> Double {
    precondition(a.count == b.count, "labelings must cover the same items")
    let n = a.count
    guard n > 1 else { return 1 }
    func choose2(_ x: Int) -> Double { Double(x) * Double(x - 1) / 2 }
    var table: [Int: [Int: Int]] = [:]
    var rows: [Int: Int] = [:]
    var cols: [Int: Int] = [:]
    for i in 0..<n {
        table[a[i], default: [:]][b[i], default: 0] += 1
        rows[a[i], default: 0] += 1
        cols[b[i], default: 0] += 1
    }
    var index = 0.0
    for (_, row) in table { for (_, c) in row { index += choose2(c) } }
    let sumRows = rows.values.reduce(0.0) { $0 + choose2($1) }
    let sumCols = cols.values.reduce(0.0) { $0 + choose2($1) }
    let expected = sumRows * sumCols / choose2(n)
    let maximum = (sumRows + sumCols) / 2
    guard maximum != expected else { return 1 }
    return (index - expected) / (maximum - expected)
}
