/// A resolved `Penalty`: minimize Σ_segments [c(segment) + lengthWeight·ln(l/n)] + perSegment × #segments.
public struct PenaltyTerms: Sendable, Hashable {
    /// Charged once per segment (ruptures's `pen`).
    public var perSegment: Double
    /// Weight of ln(segment length / n) added to every segment's cost (0 except for `mbic`).
    public var lengthWeight: Double

    public init(perSegment: Double, lengthWeight: Double) {
        self.perSegment = perSegment
        self.lengthWeight = lengthWeight
    }
}
