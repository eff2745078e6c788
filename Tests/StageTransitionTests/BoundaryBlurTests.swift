import Foundation
import StageTransition
import TestSupport
import XCTest

/// The dating blur (`BoundaryBlur`, docs/METHODS.md §4): the searches find the exact
/// optimum of the trimmed, extrapolated cost, checked against every segmentation of
/// short random signals priced directly from the definition; a blurred step is one
/// break at its centre; no blur is ruptures's segmentation unchanged.
final class BoundaryBlurTests: XCTestCase {
    private func allSegmentations(rows n: Int, minSize m: Int) -> [[Int]] { SegmentationCases.all(rows: n, minSize: m) }

    /// The definition: segment [s, e) fitted on [s + blur(s), e − blur(e)), its cost
    /// extrapolated — l2 × (len − 1)/(core − 1), normal × len/core — and +∞ when the
    /// core has fewer than max(min_size, 2) rows.
    private func blurredTotal(
        _ model: CostModel, _ x: [Double], dims: Int, _ ends: [Int], blur: [Int], minSize: Int
    )
        -> Double
    {
        var start = 0
        var sum = 0.0
        for end in ends {
            defer { start = end }
            let left = blur[start]
            let right = blur[end]
            if left == 0 && right == 0 {
                sum += DirectCost.cost(model, x, dims: dims, start, end)
                continue
            }
            let core = (end - right) - (start + left)
            guard core >= max(minSize, 2) else { return .infinity }
            let c = DirectCost.cost(model, x, dims: dims, start + left, end - right)
            let length = Double(end - start)
            sum += model == .l2 ? c * (length - 1) / Double(core - 1) : c * length / Double(core)
        }
        return sum
    }

    private func cases(count: Int, seed: UInt64) -> [SegmentationCase] {
        SegmentationCases.drawn(count: count, seed: seed, rows: 9...14, blurred: true)
    }

    func testBlurIsEveryBoundaryWithinTheUncertaintyOfAStart() {
        let blur = BoundaryBlur(rows: 10, uncertainStarts: [(row: 4, years: 2), (row: 1, years: 3), (row: 9, years: 0)])
        // row 4 ± 2 → boundaries 2…6 get 2; row 1 ± 3 → 1…4 get 3 (the larger wins); never 0 or 10.
        XCTAssertEqual(blur.years, [0, 3, 3, 3, 3, 2, 2, 0, 0, 0, 0])
        XCTAssertTrue(BoundaryBlur(rows: 10, uncertainStarts: [(row: 4, years: 0)]).isNone, "exact dates blur nothing")
        XCTAssertTrue(BoundaryBlur(rows: 10, uncertainStarts: []).isNone)
        XCTAssertEqual(BoundaryBlur.none[3], 0)
    }

    func testBlurredDynpIsTheExactOptimumForEveryK() throws {
        var checked = 0
        for c in cases(count: 60, seed: 21) {
            let signal = try Signal(rows: c.rows, dims: c.dims, values: c.values)
            let blur = BoundaryBlur(rows: c.rows, uncertainStarts: c.uncertainStarts)
            let years = blur.isNone ? [Int](repeating: 0, count: c.rows + 1) : blur.years
            let all = allSegmentations(rows: c.rows, minSize: c.minSize)
            for k in 0...(c.rows / c.minSize - 1) {
                let candidates = all.filter { $0.count == k + 1 }
                let priced = candidates.map {
                    blurredTotal(c.model, c.values, dims: c.dims, $0, blur: years, minSize: c.minSize)
                }
                let best = priced.min()!
                guard best.isFinite else {
                    XCTAssertThrowsError(
                        try ChangePoints.optimal(signal, breaks: k, cost: c.model, minSize: c.minSize, blur: blur)
                    ) { error in
                        guard case SegmentationError.blurLeavesNoRoom = error else {
                            return XCTFail("expected blurLeavesNoRoom, got \(error)")
                        }
                    }
                    continue
                }
                let result = try ChangePoints.optimal(signal, breaks: k, cost: c.model, minSize: c.minSize, blur: blur)
                let direct = blurredTotal(c.model, c.values, dims: c.dims, result.breakpoints, blur: years, minSize: c.minSize)
                XCTAssertEqual(direct, best, accuracy: 1e-9 * max(1, abs(best)), "k = \(k)")
                XCTAssertEqual(result.cost, direct, accuracy: 1e-9 * max(1, abs(direct)))
                // Among the segmentations that tie on the blurred cost, the plain cost decides.
                let tied = zip(candidates, priced).filter { abs($0.1 - best) <= 1e-9 * max(1, abs(best)) }.map(\.0)
                let plainBest = tied.map { DirectCost.total(c.model, c.values, dims: c.dims, $0) }.min()!
                let plain = DirectCost.total(c.model, c.values, dims: c.dims, result.breakpoints)
                XCTAssertEqual(plain, plainBest, accuracy: 1e-9 * max(1, abs(plainBest)), "k = \(k), \(tied.count) tied")
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 100)
    }

    func testBlurredAutomaticAndPeltMinimizeThePenalizedCost() throws {
        for (index, c) in cases(count: 60, seed: 22).enumerated() {
            let signal = try Signal(rows: c.rows, dims: c.dims, values: c.values)
            let blur = BoundaryBlur(rows: c.rows, uncertainStarts: c.uncertainStarts)
            let years = blur.isNone ? [Int](repeating: 0, count: c.rows + 1) : blur.years
            let pen = [0.5, 2.0, 6.0][index % 3]
            let maxBreaks = 1 + index % 3
            let criterion = { (ends: [Int]) in
                self.blurredTotal(c.model, c.values, dims: c.dims, ends, blur: years, minSize: c.minSize)
                    + pen * Double(ends.count)
            }
            let all = allSegmentations(rows: c.rows, minSize: c.minSize)
            let best = all.filter { $0.count <= maxBreaks + 1 }.map(criterion).min()!
            let result = try ChangePoints.automatic(
                signal, penalty: .value(pen), maxBreaks: maxBreaks, cost: c.model, minSize: c.minSize, blur: blur)
            XCTAssertEqual(criterion(result.breakpoints), best, accuracy: 1e-9 * max(1, abs(best)))
            // PELT with a blur runs the exact search over every k that fits.
            var settings = SegmentationSettings(
                method: .pelt, cost: c.model, minSize: c.minSize, penalty: .value(pen), standardize: false)
            settings.blur = blur
            let pelt = try ChangePoints.segment(signal, settings: settings)
            let bestAnyK = all.map(criterion).min()!
            XCTAssertEqual(criterion(pelt.breakpoints), bestAnyK, accuracy: 1e-9 * max(1, abs(bestAnyK)))
        }
    }

    func testNoBlurIsTheUnblurredSegmentation() throws {
        for c in cases(count: 30, seed: 23) {
            let signal = try Signal(rows: c.rows, dims: c.dims, values: c.values)
            for pen in [0.5, 3.0] {
                let plain = try ChangePoints.automatic(
                    signal, penalty: .value(pen), maxBreaks: 3, cost: c.model, minSize: c.minSize)
                let none = try ChangePoints.automatic(
                    signal, penalty: .value(pen), maxBreaks: 3, cost: c.model, minSize: c.minSize,
                    blur: BoundaryBlur(rows: c.rows, uncertainStarts: [(row: 2, years: 0)]))
                XCTAssertEqual(plain, none)
            }
        }
    }

    /// A sharp step recorded at row 12 with its starts declared ±2: rows 10…14 all leave
    /// clean cores, so the blurred cost ties; the plain cost puts the break where the
    /// dates were recorded, not 2 rows early.
    func testSharpStepWithDeclaredBlurStaysWhereRecorded() throws {
        let step: [Double] = (0..<26).map { $0 < 12 ? 0 : 1 }
        let signal = try Signal(rows: 26, dims: 1, values: step)
        let blur = BoundaryBlur(rows: 26, uncertainStarts: [(row: 12, years: 2)])
        XCTAssertEqual(try ChangePoints.optimal(signal, breaks: 1, cost: .l2, minSize: 3, blur: blur).breakpoints, [12, 26])
        var settings = SegmentationSettings(penalty: .value(1), standardize: false)
        settings.blur = blur
        XCTAssertEqual(try ChangePoints.segment(signal, settings: settings).breakpoints, [12, 26])
    }

    /// A step whose tie starts are spread uniformly over year 12 ± 2 is a linear ramp over
    /// rows 10…14. Fitted with steps, the ramp becomes a stage of its own; with the blur
    /// declared it is one break, at its centre.
    func testBlurredRampIsOneBreakAtItsCentre() throws {
        var random = TestRandom(seed: 7)
        let ramp: [Double] = (0..<26).map { t in
            let level = t < 10 ? 0 : t > 14 ? 1 : Double(t - 9) / 5
            return level + 0.02 * (Double(random.int(0...1000)) / 1000 - 0.5)
        }
        let signal = try Signal(rows: 26, dims: 1, values: ramp)
        let starts = (10...14).map { (row: $0, years: 2) }
        var settings = SegmentationSettings(penalty: .bic, standardize: true)
        let plain = try ChangePoints.segment(signal, settings: settings)
        XCTAssertGreaterThan(plain.breakpoints.count, 2, "without the blur the ramp is split: \(plain.breakpoints)")
        settings.blur = BoundaryBlur(rows: 26, uncertainStarts: starts)
        let blurred = try ChangePoints.segment(signal, settings: settings)
        XCTAssertEqual(blurred.breakpoints, [12, 26])
    }
}
