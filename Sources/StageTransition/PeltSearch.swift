/// PELT (Killick, Fearnhead & Eckley 2012) exactly as ruptures 1.1.10's
/// `Pelt._seg` with jump = 1, including its admissibility and pruning rules:
///
/// - ends are visited in order m, m+1, …, n; at end s the candidate last
///   break s − m joins the admissible set, but only if a partition of
///   0..<s−m exists (s − m = 0 or s − m ≥ m; ruptures skips the others and
///   its `zip` drops them);
/// - F(s) = min over admissible t (ascending, first minimum wins) of
///   F(t) + (c[t, s) + pen), summed in ruptures's order;
/// - t stays admissible iff F(t) + (c[t, s) + pen) ≤ F(s) + pen.
///
/// Comparisons treat rounding-level differences as ties (`Ties`).
///
/// With min_size > 1 that pruning is ruptures's, not necessarily the exact
/// optimum; it is replicated on purpose so that results equal ruptures's.
/// Near-linear in n when changes are spread out.
enum PeltSearch {
    /// Requires 1 ≤ minSize ≤ rows and penalty ≥ 0. Returns end indices, last = n.
    static func breakpoints<Cost: SegmentCost>(cost: Cost, minSize m: Int, penalty: Double) -> [Int] {
        let n = cost.rows
        var total = [Double](repeating: 0, count: n + 1)
        var last = [Int](repeating: 0, count: n + 1)
        var admissible: [Int] = []
        var values: [Double] = []
        admissible.reserveCapacity(64)
        values.reserveCapacity(64)
        for end in m...n {
            let newcomer = end - m
            if newcomer == 0 || newcomer >= m { admissible.append(newcomer) }
            values.removeAll(keepingCapacity: true)
            var bestValue = Double.infinity
            var bestStart = admissible[0]
            for start in admissible {
                let value = total[start] + (cost.cost(start, end) + penalty)
                values.append(value)
                if Ties.isBetter(value, than: bestValue) {
                    bestValue = value
                    bestStart = start
                }
            }
            total[end] = bestValue
            last[end] = bestStart
            let threshold = bestValue + penalty
            var kept = 0
            for index in admissible.indices where Ties.isAtMost(values[index], threshold) {
                admissible[kept] = admissible[index]
                kept += 1
            }
            admissible.removeLast(admissible.count - kept)
        }
        var ends: [Int] = []
        var end = n
        while end > 0 {
            ends.append(end)
            end = last[end]
        }
        return ends.reversed()
    }
}
