import Foundation
import StageTransition
import TestSupport
import XCTest

/// The searches against an exhaustive enumeration of every segmentation of
/// short random signals (n ≤ 13), priced with `DirectCost`.
final class BruteForceTests: XCTestCase {
    private func allSegmentations(rows n: Int, minSize m: Int) -> [[Int]] { SegmentationCases.all(rows: n, minSize: m) }

    private func cases(count: Int, seed: UInt64) -> [SegmentationCase] { SegmentationCases.drawn(count: count, seed: seed) }

    func testDynpIsTheExactOptimumForEveryK() throws {
        for c in cases(count: 60, seed: 11) {
            let signal = try Signal(rows: c.rows, dims: c.dims, values: c.values)
            let all = allSegmentations(rows: c.rows, minSize: c.minSize)
            for k in 0...(c.rows / c.minSize - 1) {
                let candidates = all.filter { $0.count == k + 1 }
                let best = candidates.map { DirectCost.total(c.model, c.values, dims: c.dims, $0) }.min()!
                let result = try ChangePoints.optimal(signal, breaks: k, cost: c.model, minSize: c.minSize)
                XCTAssertEqual(result.breakCount, k)
                XCTAssertTrue(candidates.contains(result.breakpoints))
                let direct = DirectCost.total(c.model, c.values, dims: c.dims, result.breakpoints)
                XCTAssertEqual(direct, best, accuracy: 1e-9 * max(1, abs(best)))
                XCTAssertEqual(result.cost, direct, accuracy: 1e-10 * max(1, abs(direct)))
            }
        }
    }

    func testAutomaticMinimizesThePenalizedCostOverK() throws {
        for (index, c) in cases(count: 60, seed: 12).enumerated() {
            let signal = try Signal(rows: c.rows, dims: c.dims, values: c.values)
            let pen = [0.5, 2.0, 6.0][index % 3]
            let maxBreaks = 1 + index % 3
            let candidates = allSegmentations(rows: c.rows, minSize: c.minSize).filter { $0.count <= maxBreaks + 1 }
            let best = candidates.map {
                DirectCost.total(c.model, c.values, dims: c.dims, $0) + pen * Double($0.count)
            }.min()!
            let result = try ChangePoints.automatic(
                signal, penalty: .value(pen), maxBreaks: maxBreaks,
                cost: c.model, minSize: c.minSize)
            let criterion =
                DirectCost.total(c.model, c.values, dims: c.dims, result.breakpoints)
                + pen * Double(result.breakpoints.count)
            XCTAssertEqual(criterion, best, accuracy: 1e-9 * max(1, abs(best)))
        }
    }

    /// Modified BIC: cost + 3·p·ln n per segment + p·Σ ln(l/n) on the
    /// `NoiseFit` signal, minimized over all segmentations by the DP (k ≤ K)
    /// and by PELT (l2, min_size 1, where its pruning is exact).
    func testMbicIsMinimizedByDynpAndPelt() throws {
        for (index, c) in cases(count: 60, seed: 13).enumerated() {
            let signal = try Signal(rows: c.rows, dims: c.dims, values: c.values)
            let fitted = try XCTUnwrap(NoiseFit(signal).signal)
            let p = Double(c.model.parametersPerSegment(dims: fitted.dims))
            let n = Double(c.rows)
            func mbic(_ ends: [Int]) -> Double {
                var start = 0
                var lengths = 0.0
                for end in ends {
                    lengths += log(Double(end - start) / n)
                    start = end
                }
                return DirectCost.total(c.model, fitted.values, dims: fitted.dims, ends)
                    + 3 * p * log(n) * Double(ends.count) + p * lengths
            }
            let maxBreaks = 1 + index % 4
            let all = allSegmentations(rows: c.rows, minSize: c.minSize)
            let bestBounded = all.filter { $0.count <= maxBreaks + 1 }.map(mbic).min()!
            let auto = try ChangePoints.automatic(signal, penalty: .mbic, maxBreaks: maxBreaks, cost: c.model, minSize: c.minSize)
            XCTAssertEqual(mbic(auto.breakpoints), bestBounded, accuracy: 1e-9 * max(1, abs(bestBounded)))
            XCTAssertEqual(
                auto.cost, DirectCost.total(c.model, fitted.values, dims: fitted.dims, auto.breakpoints),
                accuracy: 1e-9 * max(1, abs(auto.cost)), "cost excludes the penalty terms")
            if c.model == .l2 {
                let unbounded = allSegmentations(rows: c.rows, minSize: 1).map(mbic).min()!
                let pelt = try ChangePoints.pelt(signal, penalty: .mbic, cost: .l2, minSize: 1)
                XCTAssertEqual(mbic(pelt.breakpoints), unbounded, accuracy: 1e-9 * max(1, abs(unbounded)))
            }
        }
    }

    /// The penalty path: at 40 penalties spread over its range, the segment
    /// that holds β has the best penalized criterion of all segmentations
    /// with k ≤ K (brute force), the segments tile the range without gaps,
    /// and the chosen penalty's segment is what `automatic` returns.
    func testPenaltyPathEqualsBruteForceAtEveryPenalty() throws {
        for (index, c) in cases(count: 40, seed: 15).enumerated() {
            let signal = try Signal(rows: c.rows, dims: c.dims, values: c.values)
            let penalty: Penalty = [.bic, .mbic, .value(2.0)][index % 3]
            let maxBreaks = 1 + index % 4
            let path = try ChangePoints.penaltyPath(
                signal, penalty: penalty, maxBreaks: maxBreaks,
                cost: c.model, minSize: c.minSize)
            let fitted = penalty.fitsNoise ? try XCTUnwrap(NoiseFit(signal).signal) : signal
            let terms = try penalty.terms(rows: fitted.rows, dims: fitted.dims, cost: c.model)
            XCTAssertEqual(path.chosenPenalty, terms.perSegment)
            let first = try XCTUnwrap(path.segments.first)
            let last = try XCTUnwrap(path.segments.last)
            XCTAssertEqual(first.penaltyLow, 0.1 * terms.perSegment, accuracy: 1e-9 * terms.perSegment)
            XCTAssertEqual(last.penaltyHigh, 10 * terms.perSegment, accuracy: 1e-9 * terms.perSegment)
            for (a, b) in zip(path.segments, path.segments.dropFirst()) {
                XCTAssertEqual(a.penaltyHigh, b.penaltyLow, accuracy: 1e-9 * max(1, b.penaltyLow))
                XCTAssertGreaterThan(a.stages, b.stages, "more penalty, fewer stages")
            }
            let n = Double(c.rows)
            func criterion(_ ends: [Int], _ beta: Double) -> Double {
                var start = 0
                var lengths = 0.0
                for end in ends {
                    lengths += log(Double(end - start) / n)
                    start = end
                }
                return DirectCost.total(c.model, fitted.values, dims: fitted.dims, ends)
                    + terms.lengthWeight * lengths + beta * Double(ends.count)
            }
            let all = allSegmentations(rows: c.rows, minSize: c.minSize).filter { $0.count <= maxBreaks + 1 }
            for step in 0..<40 {
                let beta = terms.perSegment * 0.1 * pow(100, (Double(step) + 0.5) / 40)
                let best = all.map { criterion($0, beta) }.min()!
                let segment = try XCTUnwrap(path.segments.first { $0.penaltyLow <= beta && beta <= $0.penaltyHigh })
                XCTAssertEqual(criterion(segment.breakpoints, beta), best, accuracy: 1e-9 * max(1, abs(best)))
                XCTAssertEqual(
                    segment.cost,
                    DirectCost.total(
                        c.model, fitted.values, dims: fitted.dims,
                        segment.breakpoints),
                    accuracy: 1e-9 * max(1, abs(segment.cost)))
            }
            let chosen = try ChangePoints.automatic(
                signal, penalty: penalty, maxBreaks: maxBreaks, cost: c.model,
                minSize: c.minSize)
            let holding = path.segments.filter { $0.penaltyLow <= terms.perSegment && terms.perSegment <= $0.penaltyHigh }
            XCTAssertTrue(holding.contains { $0.breakpoints == chosen.breakpoints }, "case \(index)")
        }
    }

    /// With the l2 cost and min_size 1, ruptures's PELT pruning is exact:
    /// PELT equals the best segmentation over all k.
    func testPeltIsExactForL2WithMinSizeOne() throws {
        var random = TestRandom(seed: 14)
        for index in 0..<60 {
            let rows = random.int(8...13)
            let dims = random.int(1...3)
            let values = random.steps(rows: rows, dims: dims)
            let signal = try Signal(rows: rows, dims: dims, values: values)
            let pen = [0.2, 1.0, 3.0, 10.0][index % 4]
            let best = allSegmentations(rows: rows, minSize: 1).map {
                DirectCost.total(.l2, values, dims: dims, $0) + pen * Double($0.count)
            }.min()!
            let result = try ChangePoints.pelt(signal, penalty: .value(pen), cost: .l2, minSize: 1)
            let criterion = DirectCost.total(.l2, values, dims: dims, result.breakpoints) + pen * Double(result.breakpoints.count)
            XCTAssertEqual(criterion, best, accuracy: 1e-9 * max(1, best))
        }
    }
}
