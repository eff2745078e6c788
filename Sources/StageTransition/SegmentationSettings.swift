/// Everything `ChangePoints.segment` needs besides the signal.
///
/// Defaults: exact DP (`dynp`) with the number of breaks chosen by `bic`
/// over 0...5, `l2` cost, min_size 3 (three years per stage at least; the
/// job spec's default), standardized columns.
public struct SegmentationSettings: Sendable, Hashable {
    public enum Method: String, Sendable, Hashable, CaseIterable, Codable {
        /// Exact optimum (ruptures `Dynp`), for `breaks` or by penalty over 0...maxBreaks.
        case dynp
        /// PELT for a penalty (ruptures `Pelt`).
        case pelt
    }

    public var method: Method
    public var cost: CostModel
    /// Minimum segment length, applied to every segment (first and last too);
    /// the effective value is max(minSize, cost.minimumSegmentLength).
    public var minSize: Int
    /// `dynp` only: a fixed number of breaks; nil = chosen by `penalty`.
    public var breaks: Int?
    /// `dynp` with automatic k: the largest number of breaks tried.
    public var maxBreaks: Int
    public var penalty: Penalty
    /// z-score every column first (`Signal.standardized()`).
    public var standardize: Bool

    public init(
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
