/// A segmentation in ruptures's format.
package struct Segmentation: Sendable, Hashable, Codable {
    /// Sorted segment END indices (exclusive); the last is always n, so k
    /// breaks give k + 1 numbers. Break b means the new regime starts at row b.
    package var breakpoints: [Int]
    /// Σ of the segment costs (ruptures's `cost.error` summed over the
    /// segments), excluding any penalty or segment-length term.
    package var cost: Double

    package init(breakpoints: [Int], cost: Double) {
        self.breakpoints = breakpoints
        self.cost = cost
    }

    /// Number of breaks (segments − 1).
    package var breakCount: Int { breakpoints.count - 1 }

    /// The segments as row ranges, in order.
    package var segments: [Range<Int>] {
        var start = 0
        return breakpoints.map { end in
            defer { start = end }
            return start..<end
        }
    }
}
