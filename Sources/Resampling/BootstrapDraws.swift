/// The random draws of the bootstrap schemes, as pure functions of a stream.
///
/// What is resampled is decided here; what is recomputed from the resampled
/// data is decided by `Analysis`.
package enum BootstrapDraws {
    /// `links` scheme: one Poisson(1) multiplicity per link (per link-year row),
    /// in the order of the panel's links. A link drawn 0 times disappears from
    /// that replicate; one drawn k times carries k × its weight.
    package static func linkMultiplicities(count: Int, stream: inout RandomStream) -> [Int] {
        var out = [Int](repeating: 0, count: count)
        for i in 0..<count { out[i] = stream.nextPoissonOne() }
        return out
    }

    /// `spells` scheme: one Bayesian-bootstrap weight per tie spell for its
    /// whole life (Rubin 1981): Dirichlet(1, …, 1) weights scaled to mean 1,
    /// drawn as Exp(1) variates divided by their mean. Every tie keeps a
    /// positive weight, so no tie vanishes and the topology of each year is kept;
    /// the weights have variance ≈ 1, as Poisson(1) multiplicities do.
    package static func spellWeights(count: Int, stream: inout RandomStream) -> [Double] {
        guard count > 0 else { return [] }
        var out = [Double](repeating: 0, count: count)
        var sum = 0.0
        for i in 0..<count {
            out[i] = stream.nextExponential()
            sum += out[i]
        }
        guard sum > 0 else { return [Double](repeating: 1, count: count) }
        let scale = Double(count) / sum
        for i in 0..<count { out[i] *= scale }
        return out
    }

    /// A stationary Gaussian AR(1) path of `count` steps with unit variance:
    /// e₀ ~ N(0, 1), eₜ = ρ eₜ₋₁ + √(1 − ρ²) zₜ. A measurement error that is
    /// high one year tends to stay high (a level error stays a level error).
    package static func autoregressivePath(
        count: Int, rho: Double, into path: inout [Double],
        stream: inout RandomStream
    ) {
        path.removeAll(keepingCapacity: true)
        guard count > 0 else { return }
        let innovation = (1 - rho * rho).squareRoot()
        var e = stream.nextGaussian()
        path.append(e)
        for _ in 1..<count {
            e = rho * e + innovation * stream.nextGaussian()
            path.append(e)
        }
    }

    /// A uniform whole-year shift in −`years`…`years` (0 when `years` is 0, without a draw).
    package static func yearShift(within years: Int, stream: inout RandomStream) -> Int {
        years > 0 ? stream.nextIndex(below: 2 * years + 1) - years : 0
    }

    /// `residuals` scheme: for each segment (a range of rows), the rows whose
    /// residuals are used, drawn uniformly with replacement within the segment.
    /// Returns a row index for every row 0..<n.
    package static func residualRows(segments: [Range<Int>], stream: inout RandomStream) -> [Int] {
        var rows: [Int] = []
        for segment in segments {
            for _ in segment {
                rows.append(segment.lowerBound + stream.nextIndex(below: segment.count))
            }
        }
        return rows
    }

    /// `blocks` scheme: moving blocks of `blockLength` consecutive rows drawn
    /// within each segment (blocks never cross a segment boundary; a segment
    /// shorter than the block length is drawn as one block). Keeps the serial
    /// dependence of residuals within a stage (Künsch 1989's moving-block
    /// bootstrap, applied per segment so that the stage structure is kept).
    package static func blockRows(segments: [Range<Int>], blockLength: Int, stream: inout RandomStream) -> [Int] {
        var rows: [Int] = []
        for segment in segments {
            let length = max(1, min(blockLength, segment.count))
            let starts = segment.count - length + 1
            var filled = 0
            while filled < segment.count {
                let start = segment.lowerBound + stream.nextIndex(below: starts)
                for offset in 0..<length where filled < segment.count {
                    rows.append(start + offset)
                    filled += 1
                }
            }
        }
        return rows
    }
}
