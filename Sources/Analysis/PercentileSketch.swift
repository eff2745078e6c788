import Foundation

/// Percentiles of a stream of numbers in bounded memory, at a fixed relative
/// resolution (the logarithmic buckets of DDSketch; Masson, Rim & Lee 2019).
///
/// A value x ≠ 0 falls in bucket k = ⌈log_γ |x|⌉ with γ = (1 + α)/(1 − α),
/// α = `relativeAccuracy`; a bucket is reported as 2γᵏ/(γ + 1), which lies
/// within α·|x| of every value of the bucket. Hence **error bound**: the
/// nearest-rank percentile returned, x̂_q, satisfies |x̂_q − x_q| ≤ α·|x_q|,
/// where x_q is the exact nearest-rank percentile of the values added
/// (the smallest x with F(x) ≥ q). Values with |x| < `zeroThreshold` count as
/// 0 (absolute error below it). At most `maxBuckets` buckets per sign are
/// kept: beyond that span (a ratio γ^2048 ≈ 8·10⁸ between the largest and
/// smallest magnitudes) the smallest magnitudes are merged into the lowest
/// kept bucket, and only percentiles falling there lose the bound.
///
/// The exact smallest and largest values and how often each occurred are
/// kept too: a percentile whose rank falls on them is reported exactly (a
/// share of exactly 1 or 0, replicates that all agree), and the others are
/// clamped to that range (which only moves them closer to the exact one), so
/// a band never leaves the replicates' range.
///
/// Counts are integers, so the sketch is the same whatever the order of the
/// values: folding replicates in task order gives the same bytes on any run.
package struct PercentileSketch: Sendable, Hashable {
    /// α: the relative error bound of every reported percentile (0.5 %).
    package static let relativeAccuracy = 0.005
    /// Magnitudes below this count as zero.
    package static let zeroThreshold = 1e-12
    /// Buckets kept per sign.
    package static let maxBuckets = 2048
    static let gamma = (1 + relativeAccuracy) / (1 - relativeAccuracy)
    static let logGamma = log(gamma)

    private var positive = Buckets()
    private var negative = Buckets()
    private var zeros = 0
    /// Values added (not NaN).
    package private(set) var count = 0
    /// The exact extremes of the values added.
    package private(set) var minimum = Double.infinity
    package private(set) var maximum = -Double.infinity
    private var atMinimum = 0
    private var atMaximum = 0

    package init() {}

    /// Adds a value; NaN is ignored, ±∞ fall in the outermost bucket of their sign.
    package mutating func add(_ x: Double) {
        guard !x.isNaN else { return }
        count += 1
        if x < minimum {
            minimum = x
            atMinimum = 1
        } else if x == minimum {
            atMinimum += 1
        }
        if x > maximum {
            maximum = x
            atMaximum = 1
        } else if x == maximum {
            atMaximum += 1
        }
        let magnitude = Swift.min(abs(x), Double.greatestFiniteMagnitude)
        if magnitude < Self.zeroThreshold {
            zeros += 1
        } else if x > 0 {
            positive.add(Self.index(of: magnitude))
        } else {
            negative.add(Self.index(of: magnitude))
        }
    }

    @inline(__always)
    static func index(of magnitude: Double) -> Int {
        Int((log(magnitude) / logGamma).rounded(.up))
    }

    /// The value reported for bucket `k`.
    static func value(of k: Int) -> Double {
        2 * pow(gamma, Double(k)) / (gamma + 1)
    }

    /// The nearest-rank percentile: the value of the bucket holding the
    /// ⌈q·n⌉-th smallest value (q in (0, 1]); nil when empty.
    package func percentile(_ q: Double) -> Double? {
        guard let x = bucketPercentile(q) else { return nil }
        let rank = NearestRank.rank(q, count: count)
        if rank <= atMinimum { return minimum }
        if rank > count - atMaximum { return maximum }
        return Swift.min(Swift.max(x, minimum), maximum)
    }

    private func bucketPercentile(_ q: Double) -> Double? {
        guard count > 0 else { return nil }
        let rank = NearestRank.rank(q, count: count)
        var seen = 0
        // Ascending order: negatives from the largest magnitude down, zeros, positives up.
        for k in negative.indicesDescending {
            seen += negative[k]
            if seen >= rank { return -Self.value(of: k) }
        }
        seen += zeros
        if seen >= rank { return 0 }
        for k in positive.indicesAscending {
            seen += positive[k]
            if seen >= rank { return Self.value(of: k) }
        }
        return positive.indicesAscending.last.map(Self.value(of:)) ?? 0
    }

    /// The central percentile band of `level` (0.95 → [2.5 %, 97.5 %]); nil when empty.
    package func band(level: Double) -> ClosedRange<Double>? {
        let tail = (1 - level) / 2
        guard let lo = percentile(Swift.max(tail, 1e-12)), let hi = percentile(1 - tail) else { return nil }
        return lo...Swift.max(lo, hi)
    }

    /// Dense counts over a sliding window of bucket indices.
    struct Buckets: Sendable, Hashable {
        private var offset = 0
        private var counts: [Int] = []

        mutating func add(_ k: Int) {
            if counts.isEmpty {
                offset = k
                counts = [1]
                return
            }
            if k < offset {
                // Below the kept span (the highest bucket minus maxBuckets): into its lowest bucket.
                let target = Swift.max(k, offset + counts.count - PercentileSketch.maxBuckets)
                grow(down: target)
                counts[target - offset] += 1
                return
            } else if k >= offset + counts.count {
                counts.append(contentsOf: repeatElement(0, count: k - offset - counts.count + 1))
                collapse()
            }
            counts[k - offset] += 1
        }

        private mutating func grow(down k: Int) {
            guard k < offset else { return }
            counts.insert(contentsOf: repeatElement(0, count: offset - k), at: 0)
            offset = k
        }

        /// Merges the lowest buckets while the span exceeds `maxBuckets`.
        private mutating func collapse() {
            let excess = counts.count - PercentileSketch.maxBuckets
            guard excess > 0 else { return }
            let merged = counts[0...excess].reduce(0, +)
            counts.removeFirst(excess)
            counts[0] = merged
            offset += excess
        }

        subscript(k: Int) -> Int { counts[k - offset] }
        var indicesAscending: [Int] { counts.indices.filter { counts[$0] > 0 }.map { $0 + offset } }
        var indicesDescending: [Int] { indicesAscending.reversed() }
    }
}
