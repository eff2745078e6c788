import Foundation

/// A cost plus `weight × ln(length / n)` per segment: the segment-length term
/// of the modified BIC (see `Penalty.mbic`).
struct LengthAdjustedCost<Base: SegmentCost>: SegmentCost {
    let base: Base
    let weight: Double
    private let logRows: Double

    init(_ base: Base, weight: Double) {
        self.base = base
        self.weight = weight
        self.logRows = log(Double(base.rows))
    }

    var rows: Int { base.rows }

    func withKernel<Result>(_ body: (Kernel) -> Result) -> Result {
        base.withKernel { inner in body(Kernel(base: inner, weight: weight, logRows: logRows)) }
    }

    struct Kernel: SegmentKernel {
        let base: Base.Kernel
        let weight: Double
        let logRows: Double

        @inline(__always)
        func cost(_ start: Int, _ end: Int) -> Double {
            base.cost(start, end) + weight * (log(Double(end - start)) - logRows)
        }

        @inline(__always)
        func tieBreak(_ start: Int, _ end: Int) -> Double { base.tieBreak(start, end) }
    }
}
