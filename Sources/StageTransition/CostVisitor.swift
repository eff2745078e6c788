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
        case .l2:
            return Self.run(blurred(L2Cost(signal), blur: blur, minSize: minSize), lengthWeight: lengthWeight, visitor)
        case .normal:
            return Self.run(blurred(NormalCost(signal), blur: blur, minSize: minSize), lengthWeight: lengthWeight, visitor)
        }
    }

    /// `cost` with `blur` left out of every segment's fit (unchanged where no
    /// boundary is blurred): cores of at least max(minSize, 2) rows for `l2`
    /// (a residual sum needs two), max(minSize, 2) for `normal` as its own minimum.
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
