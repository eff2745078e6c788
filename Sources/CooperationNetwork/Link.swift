/// One yearly, weighted, layered tie between two places.
///
/// `source` and `target` are dense indices into `Panel.places`, `layer` an
/// index into `Panel.layers`, so the per-replicate hot path never hashes strings.
package struct Link: Sendable, Hashable, Codable {
    package var source: Int
    package var target: Int
    package var year: Int
    package var layer: Int
    /// Cooperation intensity (non-negative, finite). Larger = stronger tie.
    package var weight: Double
    /// True when the weight is a documented estimate rather than a sourced value.
    package var estimated: Bool
    /// Index into `Panel.spells` of the tie spell this link-year belongs to
    /// (-1 before `Panel` assigns implicit spells to link-year rows).
    package var spell: Int
    /// Relative measurement error of the weight (one standard deviation of a
    /// log-normal factor, 0.2 = ±20 %); nil = the layer's default in the spec.
    package var relError: Double?
    /// Index into `Panel.layers` of the layer under the alternative reading
    /// (links.csv `alt_layer`); nil = the reading is not ambiguous.
    package var alternativeLayer: Int?

    package init(
        source: Int, target: Int, year: Int, layer: Int, weight: Double, estimated: Bool = false,
        spell: Int = -1, relError: Double? = nil, alternativeLayer: Int? = nil
    ) {
        self.source = source
        self.target = target
        self.year = year
        self.layer = layer
        self.weight = weight
        self.estimated = estimated
        self.spell = spell
        self.relError = relError
        self.alternativeLayer = alternativeLayer
    }
}
