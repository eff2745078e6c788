import Foundation

/// The signal as the data-fitted penalties (`bic`, `mbic`) see it: columns
/// that are exact linear combinations of earlier ones dropped, every kept
/// column divided by its estimated noise scale, so that the `l2` cost is
/// −2 log L of Gaussian noise with unit variance and Schwarz's ln n per
/// parameter is on the right scale.
///
/// - Noise scale (the changepoint literature's difference-based estimator,
///   e.g. Fryzlewicz 2014; R changepoint's `mad(diff(x))/sqrt(2)`):
///   σ̂ = 1.4826 · median|Δx − median Δx| / √2 over the first differences
///   Δx that are not zero, robust to the few jumps a series has, computed
///   within consecutive windows of 10 differences and taken from the
///   noisiest window (noise that differs between regimes — a layer with a
///   relative error is loud where it dominates and quiet elsewhere — would
///   otherwise be pooled towards its quiet stretches and split the loud
///   stage). Zero
///   differences (|Δx| ≤ 1e-12 × the largest) are years in which the
///   indicator does not move at all — a layer not yet present, a network
///   unchanged — and would shrink the estimate towards 0 where the series
///   does vary. σ̂ is at least 5 % of the column's standard deviation
///   (`floorFraction`): that is its value when fewer than half of the
///   differences move or their MAD is at the rounding level (a series without
///   noise), so a noise-free step is found and a rounding-level wiggle is not.
/// - Collinearity: columns are taken in order and one is dropped when its
///   centred values lie in the span of the kept ones (relative residual norm
///   ≤ 1e-8 after Gram–Schmidt): e.g. one share of a group that sums to 1, or
///   an intensity beside its own normalized copy. p, the parameters per
///   segment, is counted on the kept columns.
package struct NoiseFit: Sendable, Hashable {
    /// The prepared signal (kept columns, divided by `scales`); nil when no column varies.
    package let signal: Signal?
    /// Indices (into the input's columns) of the kept columns.
    package let keptColumns: [Int]
    /// σ̂ of each kept column.
    package let scales: [Double]

    package init(_ input: Signal) {
        let n = input.rows
        let d = input.dims
        var basis: [[Double]] = []  // orthonormal centred columns kept so far
        var kept: [Int] = []
        var scales: [Double] = []
        for j in 0..<d {
            let column = (0..<n).map { input[$0, j] }
            let mean = column.reduce(0, +) / Double(n)
            var centred = column.map { $0 - mean }
            let norm = Self.norm(centred)
            guard norm > 0 else { continue }
            for q in basis {
                let dot = zip(q, centred).reduce(0) { $0 + $1.0 * $1.1 }
                for t in 0..<n { centred[t] -= dot * q[t] }
            }
            let residual = Self.norm(centred)
            guard residual > 1e-8 * norm else { continue }
            basis.append(centred.map { $0 / residual })
            let scale = Self.noiseScale(column)
            guard scale > 0 else { continue }
            kept.append(j)
            scales.append(scale)
        }
        keptColumns = kept
        self.scales = scales
        guard !kept.isEmpty else {
            signal = nil
            return
        }
        var values = [Double](repeating: 0, count: n * kept.count)
        for t in 0..<n {
            for (k, j) in kept.enumerated() { values[t * kept.count + k] = input[t, j] / scales[k] }
        }
        signal = Signal(unchecked: n, dims: kept.count, values: values)
    }

    /// σ̂ of one column (see the type's documentation); 0 for a constant column.
    package static func noiseScale(_ x: [Double]) -> Double {
        guard x.count >= 2 else { return 0 }
        let n = Double(x.count)
        let mean = x.reduce(0, +) / n
        let sd = (x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n).squareRoot()
        guard sd > 0 else { return 0 }
        let differences = zip(x.dropFirst(), x).map { $0 - $1 }
        let largest = differences.reduce(0) { max($0, abs($1)) }
        // Differences at the rounding level are zeros: years in which the
        // indicator does not move at all (e.g. a layer not yet present).
        // Noise that differs between regimes (a layer measured with a relative
        // error is noisy where it dominates and quiet elsewhere) is judged by
        // its noisiest stretch: the MAD within consecutive windows of
        // `window` differences, the largest of them.
        var scale = 0.0
        var start = 0
        while start < differences.count {
            var end = min(differences.count, start + window)
            if differences.count - end < window / 2 { end = differences.count }
            scale = max(scale, madScale(differences[start..<end], largest: largest))
            start = end
        }
        return max(scale * longRunFactor(x, differences: differences, largest: largest), floorFraction * sd)
    }

    /// The factor from the difference-based σ̂ to the long-run noise scale of
    /// AR(1) noise. With e_t = ρ·e_{t−1} + innovations of marginal sd σ,
    /// Var(x_t − x_{t−k}) = 2σ²(1 − ρᵏ), so MAD(lag-1 differences)/√2 is
    /// σ·√(1−ρ) and ρ̂ = (MAD(lag-2)/MAD(lag-1))² − 1, both robust to the few
    /// jumps of a step series (the estimator of Chakar et al. 2017, AR1seg,
    /// and of DeCAFS, Romano et al. 2022, in its simplest form). A segment
    /// mean of autocorrelated noise varies as the long-run variance
    /// σ²(1+ρ)/(1−ρ), so the noise scale the penalty needs is
    /// σ̂·√(1+ρ̂)/(1−ρ̂). ρ̂ is clamped to [0, `maxRho`]; 1 for white noise.
    /// `differences` are x's lag-1 differences (computed once by the caller).
    static func longRunFactor(_ x: [Double], differences: [Double], largest: Double) -> Double {
        guard x.count >= 4 else { return 1 }
        let lag2 = zip(x.dropFirst(2), x).map { $0 - $1 }
        let m1 = madScale(differences[...], largest: largest)
        let m2 = madScale(lag2[...], largest: largest)
        guard m1 > 0, m2 > 0 else { return 1 }
        let rho = min(maxRho, max(0, (m2 / m1) * (m2 / m1) - 1))
        return (1 + rho).squareRoot() / (1 - rho)
    }

    /// The largest year-to-year correlation the long-run correction assumes.
    package static let maxRho = 0.9

    /// MAD/√2 of the moving differences of one window (0 when fewer than half move).
    static func madScale(_ differences: ArraySlice<Double>, largest: Double) -> Double {
        let moving = differences.filter { abs($0) > 1e-12 * largest }
        guard moving.count >= 3, 2 * moving.count >= differences.count else { return 0 }
        let centre = median(moving)
        let mad = 1.4826 * median(moving.map { abs($0 - centre) })
        return mad > 1e-9 * largest ? mad / 2.0.squareRoot() : 0
    }

    /// Differences per window of the noise estimate.
    package static let window = 10

    /// The smallest noise scale, as a fraction of the column's standard deviation.
    package static let floorFraction = 0.05

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        let m = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2
    }

    private static func norm(_ v: [Double]) -> Double {
        v.reduce(0) { $0 + $1 * $1 }.squareRoot()
    }
}
