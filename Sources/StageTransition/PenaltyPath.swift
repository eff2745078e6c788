/// Every optimal segmentation over a range of penalties: the solution path
/// that CROPS (Haynes, Eckley & Fearnhead 2017, "Computationally efficient
/// changepoint detection for a range of penalties", JCGS 26:134–143) traces.
///
/// With the exact DP, the optimal criterion Q(k) of every number of breaks
/// k ≤ K is known, so the path is exact without CROPS's repeated PELT runs:
/// k is optimal for a per-segment penalty β exactly when
/// Q(k) + β(k+1) ≤ Q(j) + β(j+1) for every j — an interval of β bounded by
/// the lower convex hull of the points (k, Q(k)). Ties go to the smaller k,
/// as in `ChangePoints.automatic`. Q includes the `mbic` segment-length term
/// when the penalty has one; `cost` is the plain cost, as everywhere.
package struct PenaltyPath: Sendable, Hashable {
    package struct Segment: Sendable, Hashable {
        /// The penalty interval (per segment, ruptures's `pen`) in which this segmentation is optimal.
        package var penaltyLow: Double
        package var penaltyHigh: Double
        /// End indices (last = n).
        package var breakpoints: [Int]
        /// Plain segment cost (no penalty, no length term).
        package var cost: Double
        package var stages: Int { breakpoints.count }

        package init(penaltyLow: Double, penaltyHigh: Double, breakpoints: [Int], cost: Double) {
            self.penaltyLow = penaltyLow
            self.penaltyHigh = penaltyHigh
            self.breakpoints = breakpoints
            self.cost = cost
        }
    }

    /// The penalty the settings chose (per segment), inside the path's range.
    package var chosenPenalty: Double
    /// Segments by increasing penalty (so by decreasing number of stages).
    package var segments: [Segment]

    package init(chosenPenalty: Double, segments: [Segment]) {
        self.chosenPenalty = chosenPenalty
        self.segments = segments
    }
}

extension ChangePoints {
    /// The penalty path of `signal` for per-segment penalties in
    /// [`low` × chosen, `high` × chosen], where `chosen` is what `penalty`
    /// resolves to (data-fitted penalties see the `NoiseFit` signal, as in
    /// `automatic`); k runs over 0…min(maxBreaks, n/min_size − 1).
    package static func penaltyPath(
        _ signal: Signal, penalty: Penalty, maxBreaks: Int, cost: CostModel, minSize: Int,
        blur: BoundaryBlur = .none, low: Double = 0.1, high: Double = 10
    ) throws(SegmentationError) -> PenaltyPath {
        let m = try effectiveMinSize(minSize, cost: cost, rows: signal.rows)
        guard maxBreaks >= 0 else { throw .negativeBreaks(maxBreaks) }
        guard let fitted = fitted(signal, penalty: penalty) else {
            return PenaltyPath(
                chosenPenalty: 0,
                segments: [
                    .init(
                        penaltyLow: 0, penaltyHigh: .infinity,
                        breakpoints: [signal.rows], cost: 0)
                ])
        }
        let terms = try penalty.terms(rows: fitted.rows, dims: fitted.dims, cost: cost)
        let largest = mostBreaks(maxBreaks, rows: fitted.rows, effectiveMinSize: m)
        let options = cost.optimalByBreaks(
            fitted, lengthWeight: terms.lengthWeight, minSize: m, maxBreaks: largest, blur: blur)
        let lowest = low * terms.perSegment
        let highest = high * terms.perSegment
        var segments: [PenaltyPath.Segment] = []
        for option in options {
            let k = option.breakpoints.count - 1
            // β ≥ lo: no larger k is better; β ≤ hi: no smaller k is better (ties to the smaller k).
            var lo = 0.0
            var hi = Double.infinity
            for other in options {
                let j = other.breakpoints.count - 1
                if j > k { lo = max(lo, (option.criterion - other.criterion) / Double(j - k)) }
                if j < k { hi = min(hi, (other.criterion - option.criterion) / Double(k - j)) }
            }
            guard lo < hi, hi >= lowest, lo <= highest else { continue }
            segments.append(
                .init(
                    penaltyLow: max(lo, lowest), penaltyHigh: min(hi, highest),
                    breakpoints: option.breakpoints, cost: option.cost))
        }
        segments.sort { $0.penaltyLow < $1.penaltyLow }
        return PenaltyPath(chosenPenalty: terms.perSegment, segments: segments)
    }
}

extension CostModel {
    /// The exact optimum for every feasible k ≤ `maxBreaks` (k breaks that the
    /// blur leaves room for): its end indices, its DP criterion (cost + length
    /// term) and its plain (blurred) cost.
    func optimalByBreaks(
        _ signal: Signal, lengthWeight: Double, minSize: Int,
        maxBreaks: Int, blur: BoundaryBlur = .none
    ) -> [(breakpoints: [Int], criterion: Double, cost: Double)] {
        switch self {
        case .l2: return everyK(L2Cost(signal), lengthWeight: lengthWeight, minSize: minSize, maxBreaks: maxBreaks, blur: blur)
        case .normal:
            return everyK(NormalCost(signal), lengthWeight: lengthWeight, minSize: minSize, maxBreaks: maxBreaks, blur: blur)
        }
    }

    /// `everyK` on `cost` as it is without a blur, else on its `BlurredCost`.
    private func everyK<Cost: SegmentCost>(
        _ cost: Cost, lengthWeight: Double, minSize: Int, maxBreaks: Int, blur: BoundaryBlur
    ) -> [(breakpoints: [Int], criterion: Double, cost: Double)] {
        guard !blur.isNone else { return Self.everyK(cost, lengthWeight: lengthWeight, minSize: minSize, maxBreaks: maxBreaks) }
        return Self.everyK(
            blurred(cost, blur: blur, minSize: minSize), lengthWeight: lengthWeight, minSize: minSize, maxBreaks: maxBreaks)
    }

    private static func everyK<Cost: SegmentCost>(
        _ cost: Cost, lengthWeight: Double, minSize: Int,
        maxBreaks: Int
    ) -> [(breakpoints: [Int], criterion: Double, cost: Double)] {
        func solve<C: SegmentCost>(_ search: C) -> [(breakpoints: [Int], criterion: Double, cost: Double)] {
            let table = OptimalPartition(cost: search, minSize: minSize, maxBreaks: maxBreaks)
            return (0...maxBreaks).filter { table.isFeasible(breaks: $0) }.map { k in
                let ends = table.breakpoints(breaks: k)
                return (ends, table.value(breaks: k), cost.total(of: ends))
            }
        }
        return lengthWeight == 0 ? solve(cost) : solve(LengthAdjustedCost(cost, weight: lengthWeight))
    }
}
