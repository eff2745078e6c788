import Foundation

/// How much a segment costs, for PELT and for the automatic choice of the
/// number of breaks (both minimize Σ segment costs + penalty × #segments,
/// ruptures's convention: `pen` is charged per segment, so pen × (k + 1)
/// for k breaks).
///
/// With p = `CostModel.parametersPerSegment(dims:)` (d for `l2`,
/// d + d(d+1)/2 for `normal`) and n rows:
/// - `bic`: Schwarz's criterion, pen = p·ln n per segment on the signal as
///   `NoiseFit` prepares it (collinear columns dropped, each column divided
///   by its estimated noise scale, so the `l2` cost is −2 log L with unit
///   noise); p counts the kept columns.
/// - `bicUnit`: the earlier rule, pen = 2·p·ln n with σ = 1 assumed and every
///   column counted (docs/CONVENTIONS.md's 2·d·σ²·ln n for `l2`), kept to
///   reproduce earlier results.
/// - `mbic` (on the `NoiseFit` signal, as `bic`): the modified BIC of Zhang & Siegmund (2007, Biometrics 63:22–32),
///   whose univariate penalty on the log-likelihood scale is
///   (3/2)·k·ln n + (1/2)·Σᵢ ln(lᵢ/n) over the k + 1 segment lengths lᵢ.
///   On the cost scale (−2 log L with σ = 1) and summed over the p
///   parameters per segment (the d columns share their change points), the
///   criterion is cost + 3·p·k·ln n + p·Σᵢ ln(lᵢ/n). It is applied as
///   pen = 3·p·ln n per segment (a constant 3·p·ln n away from "per break")
///   plus p·ln(l/n) added to each segment's cost, and the segmentation
///   minimizes this whole criterion (DP for every k, or PELT: since
///   ln(a/n) + ln(b/n) ≤ ln((a+b)/n), PELT's pruning stays exact). The
///   reported cost excludes both terms.
/// - `value(v)`: pen = v, on the cost scale (as ruptures's `pen`).
package enum Penalty: Sendable, Hashable {
    case bic
    /// The rule before noise estimation: 2·p·ln n per segment with σ = 1 and p
    /// counting every column (kept so that earlier results can be reproduced).
    case bicUnit
    case mbic
    case value(Double)

    /// The names the spec and the CLI accept.
    package static let names = ["bic", "bic_unit", "mbic"]

    /// The named penalty (`bic`, `bic_unit`, `mbic`), nil for anything else.
    package init?(name: String) {
        switch name {
        case "bic": self = .bic
        case "bic_unit": self = .bicUnit
        case "mbic": self = .mbic
        default: return nil
        }
    }

    /// Whether the penalty is fitted to the data: the signal is first reduced
    /// and rescaled by `NoiseFit` (`bic`, `mbic`).
    package var fitsNoise: Bool {
        switch self {
        case .bic, .mbic: return true
        case .bicUnit, .value: return false
        }
    }

    /// The spec's name of the penalty, or its value.
    package var name: String {
        switch self {
        case .bic: return "bic"
        case .bicUnit: return "bic_unit"
        case .mbic: return "mbic"
        case .value(let v): return "\(v)"
        }
    }

    /// The per-segment penalty and the weight of the ln(l/n) segment-length term.
    package func terms(rows: Int, dims: Int, cost: CostModel) throws(SegmentationError) -> PenaltyTerms {
        let parameters = Double(cost.parametersPerSegment(dims: dims))
        let logRows = log(Double(rows))
        switch self {
        case .bic:
            return PenaltyTerms(perSegment: parameters * logRows, lengthWeight: 0)
        case .bicUnit:
            return PenaltyTerms(perSegment: 2 * parameters * logRows, lengthWeight: 0)
        case .mbic:
            return PenaltyTerms(perSegment: 3 * parameters * logRows, lengthWeight: parameters)
        case .value(let value):
            guard value.isFinite, value >= 0 else { throw .invalidPenalty(value) }
            return PenaltyTerms(perSegment: value, lengthWeight: 0)
        }
    }
}
