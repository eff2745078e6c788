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
/// Pruning only drops candidates that lost to a later change, so the work
/// is O(n × mean segment length): linear when changes are spread evenly,
/// quadratic-like for long homogeneous stretches (as in every PELT).
enum PeltSearch {
    /// Requires 1 ≤ minSize ≤ rows and penalty ≥ 0. Returns end indices, last = n.
    static func breakpoints<Cost: SegmentCost>(cost: Cost, minSize m: Int, penalty: Double) -> [Int] {
        let n = cost.rows
        var total = [Double](repeating: 0, count: n + 1)
        var last = [Int](repeating: 0, count: n + 1)
        var admissible = [Int](repeating: 0, count: n + 1)
        var values = [Double](repeating: 0, count: n + 1)
        cost.withKernel { kernel in
            total.withUnsafeMutableBufferPointer { total in
                last.withUnsafeMutableBufferPointer { last in
                    admissible.withUnsafeMutableBufferPointer { admissible in
                        values.withUnsafeMutableBufferPointer { values in
                            var count = 0
                            for end in m...n {
                                let newcomer = end - m
                                if newcomer == 0 || newcomer >= m {
                                    admissible[count] = newcomer
                                    count += 1
                                }
                                var bestValue = Double.infinity
                                var bestStart = admissible[0]
                                for index in 0..<count {
                                    let start = admissible[index]
                                    let value = total[start] + (kernel.cost(start, end) + penalty)
                                    values[index] = value
                                    if Ties.isBetter(value, than: bestValue) {
                                        bestValue = value
                                        bestStart = start
                                    }
                                }
                                total[end] = bestValue
                                last[end] = bestStart
                                let threshold = bestValue + penalty
                                var kept = 0
                                for index in 0..<count where Ties.isAtMost(values[index], threshold) {
                                    admissible[kept] = admissible[index]
                                    kept += 1
                                }
                                count = kept
                            }
                        }
                    }
                }
            }
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
