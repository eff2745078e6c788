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
    /// with the plain cost.
    func segment<Visitor: CostVisitor>(_ signal: Signal, lengthWeight: Double, _ visitor: Visitor) -> Segmentation {
        switch self {
        case .l2:
            return Self.run(L2Cost(signal), lengthWeight: lengthWeight, visitor)
        case .normal:
            return Self.run(NormalCost(signal), lengthWeight: lengthWeight, visitor)
        }
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
