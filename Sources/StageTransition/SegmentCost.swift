/// A segment cost with O(1) (in n) evaluation, fitted to one signal.
///
/// `cost(start, end)` is the cost of rows `start..<end` (ruptures's
/// `cost.error(start, end)`); callers only ask for segments of at least
/// `minimumSegmentLength` rows.
protocol SegmentCost: Sendable {
    /// Number of rows of the fitted signal.
    var rows: Int { get }
    /// Cost of rows `start..<end`.
    func cost(_ start: Int, _ end: Int) -> Double
}

extension SegmentCost {
    /// Σ of the segment costs of a segmentation given by its end indices
    /// (last = n), added left to right as ruptures sums a partition.
    func total(of breakpoints: [Int]) -> Double {
        var start = 0
        var sum = 0.0
        for end in breakpoints {
            sum += cost(start, end)
            start = end
        }
        return sum
    }
}
