/// Exact optimal segmentation by dynamic programming (ruptures `Dynp` with
/// jump = 1), for every number of breaks 0...maxBreaks at once.
///
/// best(k, e) = min over b of best(k−1, b) + c[b, e), with b ranging over
/// ruptures's admissible last breaks: b ∈ [k·m, e − m] (`sanity_check` on
/// the left part, ≥ m rows on the right). Candidates are tried in increasing
/// b and only a value smaller beyond rounding (`Ties`) replaces the best,
/// which is Python's `min` picking the first minimum: ties go to the
/// earliest break, exactly as in ruptures — unless the cost has a tie-break
/// (`BlurredCost`): then, among candidates that tie, the one with the smaller
/// tie-break sum wins. Values are accumulated left to right, as ruptures
/// sums a partition dict, so equal inputs give equal sums.
///
/// O(n²·(d + K)) time with O(d) costs, O(n·K) memory; each segment cost is
/// evaluated once and shared by all k.
struct OptimalPartition: Sendable {
    let rows: Int
    let minSize: Int
    let maxBreaks: Int
    /// best[e * (maxBreaks + 1) + k]; +∞ where infeasible. Row k = maxBreaks is filled only at e = n.
    private var best: [Double]
    private var previous: [Int]

    /// Requires 1 ≤ minSize ≤ rows and maxBreaks ≥ 0.
    init<Cost: SegmentCost>(cost: Cost, minSize m: Int, maxBreaks: Int) {
        let n = cost.rows
        let width = maxBreaks + 1
        var best = [Double](repeating: .infinity, count: (n + 1) * width)
        var previous = [Int](repeating: -1, count: (n + 1) * width)
        // The tie-break sums (`SegmentKernel.tieBreak`; all 0 for the plain costs).
        var second = [Double](repeating: 0, count: (n + 1) * width)
        cost.withKernel { kernel in
            best.withUnsafeMutableBufferPointer { best in
                previous.withUnsafeMutableBufferPointer { previous in
                    second.withUnsafeMutableBufferPointer { second in
                        for end in m...n {
                            let row = end * width
                            best[row] = kernel.cost(0, end)
                            second[row] = kernel.tieBreak(0, end)
                            let topBreaks = end == n ? maxBreaks : maxBreaks - 1
                            guard topBreaks >= 1, end - m >= m else { continue }
                            for split in m...(end - m) {
                                let segment = kernel.cost(split, end)
                                let segmentTieBreak = kernel.tieBreak(split, end)
                                let left = split * width
                                let breaks = min(topBreaks, split / m)
                                for k in 1...breaks {
                                    let candidate = best[left + k - 1] + segment
                                    let candidateTieBreak = second[left + k - 1] + segmentTieBreak
                                    let current = best[row + k]
                                    let better =
                                        Ties.isBetter(candidate, than: current)
                                        || (candidate.isFinite && !Ties.isBetter(current, than: candidate)
                                            && Ties.isBetter(candidateTieBreak, than: second[row + k]))
                                    if better {
                                        best[row + k] = candidate
                                        second[row + k] = candidateTieBreak
                                        previous[row + k] = split
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        self.rows = n
        self.minSize = m
        self.maxBreaks = maxBreaks
        self.best = best
        self.previous = previous
    }

    /// Whether k breaks fit: (k + 1)·m ≤ n, k ≤ maxBreaks, and some segmentation with k
    /// breaks has a finite cost (always, but for a `BlurredCost` that leaves no room).
    func isFeasible(breaks k: Int) -> Bool {
        k >= 0 && k <= maxBreaks && (k + 1) * minSize <= rows && value(breaks: k).isFinite
    }

    /// The optimal objective with k breaks (Σ of the segment costs used).
    func value(breaks k: Int) -> Double {
        best[rows * (maxBreaks + 1) + k]
    }

    /// The optimal end indices with k breaks (last = n).
    func breakpoints(breaks k: Int) -> [Int] {
        let width = maxBreaks + 1
        var ends = [rows]
        var end = rows
        var remaining = k
        while remaining > 0 {
            end = previous[end * width + remaining]
            ends.append(end)
            remaining -= 1
        }
        return ends.reversed()
    }
}
