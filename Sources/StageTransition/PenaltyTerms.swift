/// A resolved `Penalty`: minimize Σ_segments [c(segment) + lengthWeight·ln(l/n)] + perSegment × #segments.
package struct PenaltyTerms: Sendable, Hashable {
    /// Charged once per segment (ruptures's `pen`).
    package var perSegment: Double
    /// Weight of ln(segment length / n) added to every segment's cost (0 except for `mbic`).
    package var lengthWeight: Double

    package init(perSegment: Double, lengthWeight: Double) {
        self.perSegment = perSegment
        self.lengthWeight = lengthWeight
    }
}
