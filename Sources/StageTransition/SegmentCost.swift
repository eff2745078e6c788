/// A segment cost with O(1) (in n) evaluation, fitted to one signal.
///
/// The searches run inside `withKernel`, whose `SegmentKernel` reads the
/// prefix sums through raw pointers: no reference counting or bounds checks
/// in the inner loops (the kernels are small and audited; indices come from
/// the searches, which only ask for 0 ≤ start < end ≤ rows).
protocol SegmentCost: Sendable {
    associatedtype Kernel: SegmentKernel
    /// Number of rows of the fitted signal.
    var rows: Int { get }
    /// Runs `body` with a kernel valid for the duration of the call.
    func withKernel<Result>(_ body: (Kernel) -> Result) -> Result
}

/// `cost(start, end)` is the cost of rows `start..<end` (ruptures's
/// `cost.error(start, end)`); callers only ask for segments of at least the
/// cost's minimum length.
protocol SegmentKernel {
    func cost(_ start: Int, _ end: Int) -> Double
    /// A second cost that decides between segmentations whose costs tie (within
    /// `Ties`); 0 for the plain costs, which keep ruptures's earliest-break rule.
    func tieBreak(_ start: Int, _ end: Int) -> Double
}

extension SegmentKernel {
    @inline(__always)
    func tieBreak(_ start: Int, _ end: Int) -> Double { 0 }
}

extension SegmentCost {
    /// The cost of each segment of a segmentation given by its end indices (last = n).
    func costs(of breakpoints: [Int]) -> [Double] {
        withKernel { kernel in
            var start = 0
            return breakpoints.map { end in
                defer { start = end }
                return kernel.cost(start, end)
            }
        }
    }

    /// Σ of the segment costs, added left to right as ruptures sums a partition.
    func total(of breakpoints: [Int]) -> Double {
        costs(of: breakpoints).reduce(0, +)
    }
}
