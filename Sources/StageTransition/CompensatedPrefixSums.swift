/// Prefix sums of several channels, each kept as a compensated pair
/// (hi, lo) accumulated with Knuth's TwoSum, so that a segment sum
/// `Σ_{t in a..<b}` is accurate to about one rounding of the segment sum
/// itself rather than of the whole prefix. This keeps the O(1) costs within
/// ~1e-15 of ruptures's direct (two-pass) costs even at n = 20,000, and keeps
/// the near-singular covariances of short `normal` segments accurate.
///
/// Layout: row t (0...n) holds `stride = 2 × channels` doubles,
/// `[hi₀, lo₀, hi₁, lo₁, …]`; row 0 is all zeros.
struct CompensatedPrefixSums: Sendable {
    let channels: Int
    let stride: Int
    let storage: [Double]

    /// `channel(row, c)` gives the value of channel c at `row` (0..<rows).
    init(rows: Int, channels: Int, channel: (Int, Int) -> Double) {
        let stride = 2 * channels
        var storage = [Double](repeating: 0, count: (rows + 1) * stride)
        for c in 0..<channels {
            var hi = 0.0
            var lo = 0.0
            for row in 0..<rows {
                let x = channel(row, c)
                let sum = hi + x
                let virtual = sum - hi
                lo += (hi - (sum - virtual)) + (x - virtual)
                hi = sum
                storage[(row + 1) * stride + 2 * c] = hi
                storage[(row + 1) * stride + 2 * c + 1] = lo
            }
        }
        self.channels = channels
        self.stride = stride
        self.storage = storage
    }
}
