import Resampling
import XCTest

/// The bootstrap's random streams: addressable, reproducible, and distributed as claimed.
final class RandomStreamTests: XCTestCase {
    func testSameCoordinatesSameStream() {
        var a = RandomStream(seed: 42, scenario: 3, replicate: 17)
        var b = RandomStream(seed: 42, scenario: 3, replicate: 17)
        for _ in 0..<100 { XCTAssertEqual(a.next(), b.next()) }
    }

    func testDifferentCoordinatesDiffer() {
        var seen = Set<UInt64>()
        for seed in 0..<3 as Range<UInt64> {
            for s in 0..<10 as Range<UInt64> {
                for r in 0..<10 as Range<UInt64> {
                    var g = RandomStream(seed: seed, scenario: s, replicate: r)
                    seen.insert(g.next())
                }
            }
        }
        XCTAssertEqual(seen.count, 300, "every (seed, scenario, replicate) starts a distinct stream")
    }

    /// The generator core against the published SplitMix64 sequence for seed 1234567.
    func testSplitMixCoreMatchesReference() {
        var g = RandomStream(rawState: 1_234_567)
        XCTAssertEqual(g.next(), 6_457_827_717_110_365_317)
        XCTAssertEqual(g.next(), 3_203_168_211_198_807_973)
        XCTAssertEqual(g.next(), 9_817_491_932_198_370_423)
    }

    func testPoissonOneMoments() {
        var rng = RandomStream(seed: 7, scenario: 0, replicate: 0)
        let n = 200_000
        var sum = 0.0
        var sumSq = 0.0
        var zeros = 0
        for _ in 0..<n {
            let k = Double(rng.nextPoissonOne())
            sum += k
            sumSq += k * k
            if k == 0 { zeros += 1 }
        }
        let mean = sum / Double(n)
        let variance = sumSq / Double(n) - mean * mean
        // Standard errors: mean 1/sqrt(n) ≈ 0.0022; P(0) = e^-1 with se ≈ 0.0011.
        XCTAssertEqual(mean, 1, accuracy: 0.01)
        XCTAssertEqual(variance, 1, accuracy: 0.02)
        XCTAssertEqual(Double(zeros) / Double(n), 0.36787944117144233, accuracy: 0.005)
    }

    func testIndexIsUniform() {
        var rng = RandomStream(seed: 9, scenario: 1, replicate: 2)
        var counts = [Int](repeating: 0, count: 7)
        for _ in 0..<70_000 { counts[rng.nextIndex(below: 7)] += 1 }
        for c in counts { XCTAssertEqual(Double(c), 10_000, accuracy: 400) }
    }

    func testBlocksStayInsideSegments() {
        var rng = RandomStream(seed: 1, scenario: 0, replicate: 0)
        let segments = [0..<5, 5..<6, 6..<20]
        let rows = BootstrapDraws.blockRows(segments: segments, blockLength: 3, stream: &rng)
        XCTAssertEqual(rows.count, 20)
        for (t, row) in rows.enumerated() {
            let segment = segments.first { $0.contains(t) }!
            XCTAssertTrue(segment.contains(row), "row \(row) drawn for year \(t) leaves its segment")
        }
    }
}
