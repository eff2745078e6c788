/// A distribution of integer years, kept as counts: flat memory, exact percentiles.
package struct YearDistribution: Sendable, Hashable, Codable {
    package private(set) var counts: [Int: Int] = [:]
    package private(set) var total = 0

    package init() {}

    package mutating func add(_ year: Int) {
        counts[year, default: 0] += 1
        total += 1
    }

    /// Years with their counts, ascending.
    package var sorted: [(year: Int, count: Int)] {
        counts.keys.sorted().map { ($0, counts[$0]!) }
    }

    /// The nearest-rank percentile: the smallest year y with P(Y ≤ y) ≥ q (q in (0, 1]).
    package func percentile(_ q: Double) -> Int? {
        guard total > 0 else { return nil }
        let rank = NearestRank.rank(q, count: total)
        var seen = 0
        for (year, count) in sorted {
            seen += count
            if seen >= rank { return year }
        }
        return sorted.last?.year
    }

    /// The interval of `level` for a transition whose point estimate is `estimate`:
    /// the **bias-corrected percentile** interval (Efron 1981; Efron & Tibshirani
    /// 1993 §14.3), widened to contain the estimate if it still does not.
    ///
    /// Why: replicates that re-date uncertain tie starts shift the transition
    /// systematically (their ramps are wider than the observed one), so the plain
    /// percentiles can lie beside the estimate (docs/METHODS.md §6 and §8). With
    /// z₀ = Φ⁻¹(p₀), p₀ = P(Y < estimate) + ½·P(Y = estimate) (the mid-p of a
    /// distribution of whole years, kept within half a replicate of 0 and 1), the
    /// tails are Φ(2z₀ + z_{α/2}) and Φ(2z₀ + z_{1−α/2}); when the replicates sit
    /// symmetrically about the estimate (p₀ = ½ exactly, e.g. all on it) z₀ = 0 and
    /// this is the plain percentile interval, in exact arithmetic.
    package func interval(level: Double, estimate: Int) -> [Int]? {
        guard total > 0 else { return nil }
        var below = 0
        for (year, count) in counts where year < estimate { below += count }
        let at = counts[estimate] ?? 0
        let tail = (1 - level) / 2
        let bounds: [Int]?
        if 2 * below + at == total {
            bounds = interval(lowTail: tail, highTail: 1 - tail)
        } else {
            let half = 0.5 / Double(total)
            let p0 = min(max((Double(below) + 0.5 * Double(at)) / Double(total), half), 1 - half)
            let z0 = StandardNormal.quantile(p0)
            bounds = interval(
                lowTail: StandardNormal.cdf(2 * z0 + StandardNormal.quantile(tail)),
                highTail: StandardNormal.cdf(2 * z0 + StandardNormal.quantile(1 - tail)))
        }
        return bounds.map { [min($0[0], estimate), max($0[1], estimate)] }
    }

    /// [the `lowTail` percentile, the `highTail` percentile].
    private func interval(lowTail: Double, highTail: Double) -> [Int]? {
        guard let lo = percentile(max(lowTail, 1e-12)), let hi = percentile(highTail) else { return nil }
        return [lo, hi]
    }
}
