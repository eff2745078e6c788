import CooperationNetwork

/// Names of the indicator columns, in their fixed output order.
///
/// Formulas are in docs/METHODS.md; the per-layer and per-scale shares get
/// one column each (`share_<layer>`, `scale_share_<scale>`).
package enum IndicatorName {
    package static let density = "density"
    package static let betweennessCentralization = "betweenness_centralization"
    package static let top3StrengthShare = "top3_strength_share"
    package static let strengthGini = "strength_gini"
    package static let crossBorderShare = "cross_border_share"
    package static let reachKm = "reach_km"

    package static func layerShare(_ layer: Layer) -> String { "share_\(layer.rawValue)" }
    package static func scaleShare(_ scale: Scale) -> String { "scale_share_\(scale.rawValue)" }
    /// Σ of the layer's weights in the year, in the layer's own unit.
    package static func layerIntensity(_ layer: Layer) -> String { "intensity_\(layer.rawValue)" }
    /// The layer's intensity over its largest yearly intensity (0–1): comparable across layers.
    package static func layerNorm(_ layer: Layer) -> String { "norm_\(layer.rawValue)" }
    /// Tie spells of the layer that start in the year (the flow beside the stock).
    package static func newTies(_ layer: Layer) -> String { "new_ties_\(layer.rawValue)" }
    /// The scale's unit-free intensity (links weighted within their layer), over its largest year (0–1).
    package static func scaleNorm(_ scale: Scale) -> String { "scale_norm_\(scale.rawValue)" }

    /// All columns for a panel with these layers.
    package static func columns(layers: [Layer]) -> [String] {
        segmentationColumns(layers: layers)
            + layers.map(layerIntensity) + layers.map(layerNorm) + layers.map(newTies)
            + Scale.allCases.map(scaleNorm)
    }

    /// The columns that segment by default (`stages.indicators` empty): the
    /// network-structure columns and the layer and scale shares — the columns
    /// of `columns(layers:)` before the per-layer intensity block. The
    /// within-layer normalized columns are left out: their noise is
    /// multiplicative (it grows with the level), so one noise scale per column
    /// (the `bic` penalty's) under-states it where a layer is strong and the
    /// segmentation splits that stage; measured on planted panels in
    /// docs/METHODS.md §4. They name the stages instead (§5). Name them in
    /// `stages.indicators` to segment on them.
    package static func segmentationColumns(layers: [Layer]) -> [String] {
        [density, betweennessCentralization, top3StrengthShare, strengthGini, crossBorderShare]
            + layers.map(layerShare) + Scale.allCases.map(scaleShare) + [reachKm]
    }
}
