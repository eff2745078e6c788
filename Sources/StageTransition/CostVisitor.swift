/// Runs a search on the concrete cost type of a `CostModel`, so that the
/// algorithms are specialized for each cost (no dynamic dispatch in the
/// inner loops).
protocol CostVisitor {
    /// Returns the end indices (last = n) found with `cost`.
    func visit<Cost: SegmentCost>(_ cost: Cost) -> [Int]
}

extension CostModel {
    /// Fits this cost to `signal`, runs `visitor` on it (adding the mbic
    /// segment-length term when `lengthWeight` ≠ 0), and prices the result
    /// with the plain cost — the blurred cost (`BlurredCost`) when `blur` has
    /// blurred boundaries, whose cores must have `minSize` rows.
    func segment<Visitor: CostVisitor>(
        _ signal: Signal, lengthWeight: Double, blur: BoundaryBlur = .none, minSize: Int = 1, _ visitor: Visitor
    ) -> Segmentation {
        switch self {
        case .l2: return run(L2Cost(signal), lengthWeight: lengthWeight, blur: blur, minSize: minSize, visitor)
        case .normal: return run(NormalCost(signal), lengthWeight: lengthWeight, blur: blur, minSize: minSize, visitor)
        }
    }

    /// Runs `visitor` on `cost` as it is without a blur (ruptures's searches, nothing
    /// added to their inner loop), else on its `BlurredCost`.
    private func run<Cost: SegmentCost, Visitor: CostVisitor>(
        _ cost: Cost, lengthWeight: Double, blur: BoundaryBlur, minSize: Int, _ visitor: Visitor
    ) -> Segmentation {
        guard !blur.isNone else { return Self.run(cost, lengthWeight: lengthWeight, visitor) }
        return Self.run(blurred(cost, blur: blur, minSize: minSize), lengthWeight: lengthWeight, visitor)
    }

    /// `cost` with `blur` (which has blurred boundaries) left out of every segment's
    /// fit: cores of at least max(minSize, 2) rows for `l2` (a residual sum needs two),
    /// max(minSize, 2) for `normal` as its own minimum.
    func blurred<Base: SegmentCost>(_ cost: Base, blur: BoundaryBlur, minSize: Int) -> BlurredCost<Base> {
        BlurredCost(
            cost, blur: blur, coreMinimum: max(minSize, 2, minimumSegmentLength),
            extrapolation: self == .l2 ? .residualSum : .perRow)
    }

    /// The plain cost of every segment of `breakpoints` (already validated).
    func segmentCosts(_ signal: Signal, breakpoints: [Int]) -> [Double] {
        switch self {
        case .l2: return L2Cost(signal).costs(of: breakpoints)
        case .normal: return NormalCost(signal).costs(of: breakpoints)
        }
    }

    private static func run<Cost: SegmentCost, Visitor: CostVisitor>(
        _ cost: Cost, lengthWeight: Double, _ visitor: Visitor
    ) -> Segmentation {
        let breakpoints =
            lengthWeight == 0
            ? visitor.visit(cost)
            : visitor.visit(LengthAdjustedCost(cost, weight: lengthWeight))
        return Segmentation(breakpoints: breakpoints, cost: cost.total(of: breakpoints))
    }
}
