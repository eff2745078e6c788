import CooperationNetwork

/// Names of the indicator columns, in their fixed output order.
///
/// Formulas are in docs/METHODS.md; the per-layer and per-scale shares get
/// one column each (`share_<layer>`, `scale_share_<scale>`).
public enum IndicatorName {
    public static let density = "density"
    public static let betweennessCentralization = "betweenness_centralization"
    public static let top3StrengthShare = "top3_strength_share"
    public static let strengthGini = "strength_gini"
    public static let crossBorderShare = "cross_border_share"
    public static let reachKm = "reach_km"

    public static func layerShare(_ layer: Layer) -> String { "share_\(layer.rawValue)" }
    public static func scaleShare(_ scale: Scale) -> String { "scale_share_\(scale.rawValue)" }

    /// All columns for a panel with these layers.
    public static func columns(layers: [Layer]) -> [String] {
        [density, betweennessCentralization, top3StrengthShare, strengthGini, crossBorderShare]
            + layers.map(layerShare) + Scale.allCases.map(scaleShare) + [reachKm]
    }
}
