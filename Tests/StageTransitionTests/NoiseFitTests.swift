import StageTransition
import TestSupport
import XCTest

/// `NoiseFit` against numpy (scripts/fixtures/noise_scale.py): the noise
/// scale of each series and the columns kept when some are exact linear
/// combinations of others.
final class NoiseFitTests: XCTestCase {
    struct Fixture: Decodable {
        struct Series: Decodable {
            var values: [Double]
            var sigma: Double
        }
        struct Matrix: Decodable {
            var rows: [[Double]]
            var kept: [Int]
        }
        var series: [Series]
        var matrix: Matrix
    }

    func testNoiseScalesEqualNumpy() throws {
        let fixture = try Fixtures.load(Fixture.self, "noise/noise_scale.json")
        XCTAssertEqual(fixture.series.count, 15)
        for (i, series) in fixture.series.enumerated() {
            XCTAssertEqual(
                NoiseFit.noiseScale(series.values), series.sigma, accuracy: 1e-12 * max(1, series.sigma),
                "series \(i)")
        }
    }

    func testCollinearColumnsAreDroppedAndKeptOnesRescaled() throws {
        let fixture = try Fixtures.load(Fixture.self, "noise/noise_scale.json")
        let signal = try Signal(rows: fixture.matrix.rows)
        let fit = NoiseFit(signal)
        XCTAssertEqual(fit.keptColumns, fixture.matrix.kept)
        let fitted = try XCTUnwrap(fit.signal)
        XCTAssertEqual(fitted.dims, fixture.matrix.kept.count)
        for (k, j) in fit.keptColumns.enumerated() {
            let column = fixture.matrix.rows.map { $0[j] }
            XCTAssertEqual(fit.scales[k], NoiseFit.noiseScale(column))
            for t in 0..<signal.rows { XCTAssertEqual(fitted[t, k], column[t] / fit.scales[k], accuracy: 1e-12) }
        }
    }
}
