@testable import Analysis
import Resampling
import XCTest

/// The indicator bands' percentile sketch against exact nearest-rank percentiles
/// of the same values, within its stated bound |x̂ − x| ≤ α·|x|.
final class PercentileSketchTests: XCTestCase {
    let levels = [0.001, 0.025, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.975, 0.999, 1.0]

    /// The exact nearest-rank percentile: the ⌈q·n⌉-th smallest value.
    func exact(_ sorted: [Double], _ q: Double) -> Double {
        sorted[max(1, Int((q * Double(sorted.count)).rounded(.up))) - 1]
    }

    func assertWithinBound(_ values: [Double], _ name: String, file: StaticString = #filePath, line: UInt = #line) {
        var sketch = PercentileSketch()
        for x in values { sketch.add(x) }
        let sorted = values.sorted()
        XCTAssertEqual(sketch.count, values.count, file: file, line: line)
        for q in levels {
            guard let estimate = sketch.percentile(q) else { return XCTFail("empty", file: file, line: line) }
            let truth = exact(sorted, q)
            let bound =
                abs(truth) < PercentileSketch.zeroThreshold
                ? PercentileSketch.zeroThreshold
                : PercentileSketch.relativeAccuracy * abs(truth) * (1 + 1e-12)
            XCTAssertLessThanOrEqual(
                abs(estimate - truth), bound, "\(name): q \(q): \(estimate) vs exact \(truth)",
                file: file, line: line)
        }
    }

    func testPercentilesWithinTheBoundOnVariedDistributions() {
        var rng = RandomStream(seed: 3, scenario: 0, replicate: 0)
        assertWithinBound((0..<1000).map { _ in rng.nextUnit() }, "uniform shares")
        assertWithinBound((0..<2000).map { _ in exp(3 * rng.nextGaussian()) }, "log-normal over 8 decades")
        assertWithinBound((0..<500).map { _ in rng.nextGaussian() * 40 }, "both signs")
        assertWithinBound((0..<300).map { i in i % 3 == 0 ? 0 : 1 + rng.nextUnit() }, "a third zeros")
        assertWithinBound((0..<400).map { _ in Double(rng.nextIndex(below: 4)) * 0.25 }, "four tied values")
        assertWithinBound([0.42], "a single value")
        assertWithinBound((0..<999).map { _ in 1234.5 + rng.nextUnit() }, "km near a large constant")
    }

    /// Integer counts: the same sketch whatever the order of the values.
    func testOrderDoesNotMatter() {
        var rng = RandomStream(seed: 9, scenario: 0, replicate: 0)
        let values = (0..<1500).map { _ in exp(2 * rng.nextGaussian()) - 0.5 }
        var a = PercentileSketch()
        var b = PercentileSketch()
        for x in values { a.add(x) }
        var shuffled = values
        shuffled.shuffle(using: &rng)
        for x in shuffled { b.add(x) }
        XCTAssertEqual(a, b)
        XCTAssertNotEqual(values, shuffled)
    }

    /// Beyond 2048 buckets of one sign, the smallest magnitudes merge into the lowest
    /// kept bucket: the memory stays bounded and the upper percentiles keep their bound.
    func testCollapseKeepsMemoryBoundedAndUpperPercentilesExact() {
        var values: [Double] = []
        var x = 1e-11
        while x < 1e11 {
            values.append(x)
            x *= 1.003
        }  // ≈ 15,000 values over 22 decades
        var sketch = PercentileSketch()
        for v in values { sketch.add(v) }
        let sorted = values.sorted()
        for q in [0.6, 0.8, 0.9, 0.975, 1.0] {
            let truth = exact(sorted, q)
            XCTAssertLessThanOrEqual(abs(sketch.percentile(q)! - truth), PercentileSketch.relativeAccuracy * truth * (1 + 1e-12))
        }
        // The lowest percentiles fall in the merged bucket: above the truth, never below it.
        XCTAssertGreaterThan(sketch.percentile(0.01)!, exact(sorted, 0.01))
    }

    /// Replicates that all agree give that exact value, not its bucket's centre.
    func testAgreeingValuesAreReportedExactly() {
        var sketch = PercentileSketch()
        for _ in 0..<50 { sketch.add(1.0 / 3.0) }
        XCTAssertEqual(sketch.percentile(0.025), 1.0 / 3.0)
        XCTAssertEqual(sketch.band(level: 0.95), (1.0 / 3.0)...(1.0 / 3.0))
        var shares = PercentileSketch()
        for i in 0..<40 { shares.add(i < 30 ? 1.0 : 0.9) }
        XCTAssertEqual(shares.percentile(1.0), 1.0, "a share's band never passes 1")
        XCTAssertEqual(shares.percentile(0.01), 0.9)
    }

    func testBandsAreOrderedAndEmptyIsNil() {
        XCTAssertNil(PercentileSketch().percentile(0.5))
        XCTAssertNil(PercentileSketch().band(level: 0.95))
        var sketch = PercentileSketch()
        for i in 1...100 { sketch.add(Double(i) / 100) }
        let b95 = sketch.band(level: 0.95)!
        let b90 = sketch.band(level: 0.90)!
        XCTAssertEqual(b95.lowerBound, 0.03, accuracy: 0.03 * PercentileSketch.relativeAccuracy)
        XCTAssertEqual(b95.upperBound, 0.98, accuracy: 0.98 * PercentileSketch.relativeAccuracy)
        XCTAssertEqual(b90.lowerBound, 0.05, accuracy: 0.05 * PercentileSketch.relativeAccuracy)
        XCTAssertEqual(b90.upperBound, 0.95, accuracy: 0.95 * PercentileSketch.relativeAccuracy)
        sketch.add(.nan)
        XCTAssertEqual(sketch.count, 100, "NaN is not a value")
    }
}
