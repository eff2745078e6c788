/// The segment model, with ruptures 1.1.10's cost definitions.
package enum CostModel: String, Sendable, Hashable, CaseIterable, Codable {
    /// Piecewise-constant mean (ruptures `CostL2`): c[a, b) = Σ_dims Σ_t (x_t − mean)²,
    /// i.e. (b − a) × Σ_dims population variance. Dimensions are summed with no
    /// scaling: standardize first or the largest-variance column dominates.
    case l2
    /// Mean and covariance change (ruptures `CostNormal`, default
    /// `add_small_diag=True`): c[a, b) = (b − a) × log|det(Σ̂ + 10⁻⁶ I)|, where Σ̂
    /// is the *population* variance for one column (`sub.var()`) but the
    /// *sample* covariance (`np.cov`, divisor b − a − 1) for several columns.
    case normal

    /// ruptures's `cost.min_size`: the effective minimum segment length is
    /// `max(min_size, this)` (1 for `l2`, 2 for `normal`).
    package var minimumSegmentLength: Int {
        switch self {
        case .l2: return 1
        case .normal: return 2
        }
    }

    /// Free parameters of one segment, used by the `bic` and `mbic`
    /// penalties: d means for `l2`; d means and d(d+1)/2 covariances for `normal`.
    package func parametersPerSegment(dims: Int) -> Int {
        switch self {
        case .l2: return dims
        case .normal: return dims + dims * (dims + 1) / 2
        }
    }
}
