/// How the searches compare objective values: exact ties (which ruptures,
/// computing every cost from scratch, sees as equal floats and resolves by
/// Python's `min` keeping the FIRST candidate) must stay ties here, where
/// the same costs come from prefix sums and differ in the last bits.
///
/// Two values within `relativeTolerance × (|a| + |b|)` count as equal: the
/// earlier candidate is kept, and PELT keeps a candidate whose value is
/// within the tolerance of its pruning threshold. 1e-12 is about 1,000
/// times the rounding of either computation and far below any difference
/// between distinct segmentations of real data.
enum Ties {
    static let relativeTolerance = 1e-12

    /// `candidate` beats `best` by more than rounding.
    @inline(__always)
    static func isBetter(_ candidate: Double, than best: Double) -> Bool {
        guard best.isFinite else { return candidate < best }
        return best - candidate > relativeTolerance * (Swift.abs(candidate) + Swift.abs(best))
    }

    /// `value ≤ threshold`, up to rounding (PELT's "stays admissible").
    @inline(__always)
    static func isAtMost(_ value: Double, _ threshold: Double) -> Bool {
        value - threshold <= relativeTolerance * (Swift.abs(value) + Swift.abs(threshold))
    }
}
