/// SplitMix64: reproducible random numbers and signals for the property tests — the one
/// source of randomness in tests, always with a fixed seed (scripts/lint-determinism).
public struct TestRandom {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    public mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Uniform integer in range.
    public mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    /// Uniform integer in range (not empty).
    public mutating func int(_ range: Range<Int>) -> Int { int(range.lowerBound...(range.upperBound - 1)) }

    /// A uniform byte.
    public mutating func byte() -> UInt8 { UInt8(truncatingIfNeeded: next() >> 56) }

    /// `count` uniform bytes.
    public mutating func bytes(_ count: Int) -> [UInt8] { (0..<count).map { _ in byte() } }

    /// A fair coin.
    public mutating func bool() -> Bool { next() >> 63 == 1 }

    /// A piecewise-constant signal with uniform noise, row-major.
    public mutating func steps(rows: Int, dims: Int) -> [Double] {
        var values: [Double] = []
        var level = [Double](repeating: 0, count: dims)
        for _ in 0..<rows {
            if unit() < 0.25 { level = (0..<dims).map { _ in 4 * unit() - 2 } }
            for j in 0..<dims { values.append(level[j] + unit() - 0.5) }
        }
        return values
    }
}
