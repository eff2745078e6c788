/// Everything `ChangePoints.segment` needs besides the signal.
///
/// Defaults: exact DP (`dynp`) with the number of breaks chosen by `bic`
/// over 0...5, `l2` cost, min_size 3 (three years per stage at least; the
/// job spec's default), standardized columns.
package struct SegmentationSettings: Sendable, Hashable {
    package enum Method: String, Sendable, Hashable, CaseIterable, Codable {
        /// Exact optimum (ruptures `Dynp`), for `breaks` or by penalty over 0...maxBreaks.
        case dynp
        /// PELT for a penalty (ruptures `Pelt`).
        case pelt
    }

    package var method: Method
    package var cost: CostModel
    /// Minimum segment length, applied to every segment (first and last too);
    /// the effective value is max(minSize, cost.minimumSegmentLength).
    package var minSize: Int
    /// `dynp` only: a fixed number of breaks; nil = chosen by `penalty`.
    package var breaks: Int?
    /// `dynp` with automatic k: the largest number of breaks tried.
    package var maxBreaks: Int
    package var penalty: Penalty
    /// z-score every column first (`Signal.standardized()`).
    package var standardize: Bool
    /// Dating blur of the boundaries (from the data's declared date
    /// uncertainty, not from the spec); `.none` = ruptures's segmentation.
    package var blur: BoundaryBlur = .none

    package init(
        method: Method = .dynp, cost: CostModel = .l2, minSize: Int = 3, breaks: Int? = nil,
        maxBreaks: Int = 5, penalty: Penalty = .bic, standardize: Bool = true
    ) {
        self.method = method
        self.cost = cost
        self.minSize = minSize
        self.breaks = breaks
        self.maxBreaks = maxBreaks
        self.penalty = penalty
        self.standardize = standardize
    }
}
