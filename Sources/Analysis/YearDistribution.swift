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

    /// Central percentile interval of the given level (e.g. 0.95 → [2.5%, 97.5%]).
    package func interval(level: Double) -> [Int]? {
        let tail = (1 - level) / 2
        guard let lo = percentile(max(tail, 1e-12)), let hi = percentile(1 - tail) else { return nil }
        return [lo, hi]
    }
}
