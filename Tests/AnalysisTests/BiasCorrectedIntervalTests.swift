@testable import Analysis
import TestSupport
import XCTest

/// Transition intervals are bias-corrected percentile intervals that contain the
/// point estimate (docs/METHODS.md §6), checked against an independent Python
/// implementation (scripts/fixtures/intervals.py, statistics.NormalDist).
final class BiasCorrectedIntervalTests: XCTestCase {
    private struct Fixture: Decodable {
        struct Case: Decodable {
            var counts: [String: Int]
            var estimate: Int
            var level: Double
            var interval: [Int]
        }
        var cases: [Case]
        var quantiles: [[Double]]
    }

    func testIntervalsMatchTheReference() throws {
        let fixture = try Fixtures.load(Fixture.self, "intervals/bias_corrected.json")
        XCTAssertEqual(fixture.cases.count, 600)
        var corrected = 0
        for c in fixture.cases {
            var distribution = YearDistribution()
            for (year, count) in c.counts {
                let y = try XCTUnwrap(Int(year))
                for _ in 0..<count { distribution.add(y) }
            }
            let interval = distribution.interval(level: c.level, estimate: c.estimate)
            XCTAssertEqual(interval, c.interval, "\(c.counts) about \(c.estimate) at \(c.level)")
            let tail = (1 - c.level) / 2
            if [distribution.percentile(tail), distribution.percentile(1 - tail)] != c.interval.map(Optional.some) {
                corrected += 1
            }
        }
        XCTAssertGreaterThan(corrected, 100, "the fixture exercises the correction, not only plain percentiles")
    }

    func testStandardNormalQuantileMatchesTheReference() throws {
        let fixture = try Fixtures.load(Fixture.self, "intervals/bias_corrected.json")
        for pair in fixture.quantiles {
            let (p, z) = (pair[0], pair[1])
            XCTAssertEqual(StandardNormal.quantile(p), z, accuracy: 1e-14 * max(1, abs(z)), "Φ⁻¹(\(p))")
            if abs(z) < 8 { XCTAssertEqual(StandardNormal.cdf(z), p, accuracy: 1e-15 + 1e-13 * p, "Φ(\(z))") }
        }
        XCTAssertEqual(StandardNormal.quantile(0.5), 0)
    }

    /// Replicates all on the estimate, or symmetric about it: the plain percentiles.
    func testSymmetricReplicatesGiveThePlainPercentiles() {
        var point = YearDistribution()
        for _ in 0..<200 { point.add(2005) }
        XCTAssertEqual(point.interval(level: 0.95, estimate: 2005), [2005, 2005])
        var symmetric = YearDistribution()
        for (year, count) in [(2003, 10), (2004, 40), (2005, 100), (2006, 40), (2007, 10)] {
            for _ in 0..<count { symmetric.add(year) }
        }
        XCTAssertEqual(symmetric.interval(level: 0.95, estimate: 2005), [2003, 2007])
        // 5 % of 200 is rank 10 exactly: 2003, whose cumulative count is 10 (nearest rank).
        XCTAssertEqual(symmetric.interval(level: 0.90, estimate: 2005), [2003, 2006])
    }

    /// Replicates shifted below the estimate: the plain 90 % percentiles [1998, 1999] would
    /// leave out the estimate 2000; p₀ = (190 + 2.5)/195, z₀ = 2.23, tails Φ(2.82) and
    /// Φ(6.1): both bounds at the estimate.
    func testReplicatesShiftedAwayFromTheEstimateAreCorrected() {
        var shifted = YearDistribution()
        for (year, count) in [(1998, 120), (1999, 70), (2000, 5)] {
            for _ in 0..<count { shifted.add(year) }
        }
        XCTAssertEqual([shifted.percentile(0.05), shifted.percentile(0.95)], [1998, 1999], "plain: beside the estimate")
        XCTAssertEqual(shifted.interval(level: 0.90, estimate: 2000), [2000, 2000])
        // No replicate on or above the estimate: the interval is widened to it.
        var below = YearDistribution()
        for year in [1997, 1998, 1998, 1999] { below.add(year) }
        XCTAssertEqual(below.interval(level: 0.95, estimate: 2001)?[1], 2001)
    }
}
