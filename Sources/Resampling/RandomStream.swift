import Foundation

/// A deterministic random stream addressed by (seed, scenario, replicate).
///
/// Counter-based in spirit: the state is derived by hashing the three
/// coordinates with SplitMix64's finalizer, and numbers are drawn with
/// SplitMix64 (Steele, Lea & Flood 2014). Any worker can therefore compute
/// any replicate, and the outputs never depend on who computed what, on
/// time, or on the order of replicates.
package struct RandomStream: Sendable, RandomNumberGenerator {
    @usableFromInline var state: UInt64

    /// The stream of replicate `replicate` of scenario `scenario` in a job seeded `seed`.
    package init(seed: UInt64, scenario: UInt64, replicate: UInt64) {
        var s = RandomStream.mix(seed &+ 0x9E37_79B9_7F4A_7C15)
        s = RandomStream.mix(s ^ RandomStream.mix(scenario &+ 0xD1B5_4A32_D192_ED03))
        s = RandomStream.mix(s ^ RandomStream.mix(replicate &+ 0x8CB9_2BA7_2F3D_8DD7))
        state = s
    }

    /// A stream started from a raw SplitMix64 state (for checking the
    /// generator against published SplitMix64 sequences).
    package init(rawState: UInt64) {
        state = rawState
    }

    /// SplitMix64's output function (a bijective 64-bit mixer).
    @inlinable
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The next 64 random bits.
    @inlinable
    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return RandomStream.mix(state)
    }

    /// A uniform double in [0, 1) with 53 random bits.
    @inlinable
    package mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform integer in 0..<bound (Lemire's unbiased multiply-shift).
    @inlinable
    package mutating func nextIndex(below bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        let b = UInt64(bound)
        var product = next().multipliedFullWidth(by: b)
        if product.low < b {
            let threshold = (0 &- b) % b
            while product.low < threshold {
                product = next().multipliedFullWidth(by: b)
            }
        }
        return Int(product.high)
    }

    /// A Poisson(1) variate by inversion of its CDF (exact up to k = 20,
    /// where the remaining tail mass is below 1e-19).
    @inlinable
    package mutating func nextPoissonOne() -> Int {
        let u = nextUnit()
        var k = 0
        var p = 0.36787944117144233  // e^-1
        var cdf = p
        while u >= cdf && k < 20 {
            k += 1
            p /= Double(k)
            cdf += p
        }
        return k
    }

    /// An Exp(1) variate by inversion, −ln(1 − u) (u in [0, 1), so the log is finite).
    @inlinable
    package mutating func nextExponential() -> Double {
        -log(1 - nextUnit())
    }

    /// A standard normal variate by Box–Muller (one cosine branch per call, so
    /// every call consumes exactly two draws and streams stay aligned).
    @inlinable
    package mutating func nextGaussian() -> Double {
        let u1 = 1 - nextUnit()
        let u2 = nextUnit()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}
