/// One yearly, weighted, layered tie between two places.
///
/// `source` and `target` are dense indices into `Panel.places`, `layer` an
/// index into `Panel.layers`, so the per-replicate hot path never hashes strings.
public struct Link: Sendable, Hashable, Codable {
    public var source: Int
    public var target: Int
    public var year: Int
    public var layer: Int
    /// Cooperation intensity (non-negative, finite). Larger = stronger tie.
    public var weight: Double
    /// True when the weight is a documented estimate rather than a sourced value.
    public var estimated: Bool
    /// Index into `Panel.spells` of the tie spell this link-year belongs to
    /// (-1 before `Panel` assigns implicit spells to link-year rows).
    public var spell: Int
    /// Relative measurement error of the weight (one standard deviation of a
    /// log-normal factor, 0.2 = ±20 %); nil = the layer's default in the spec.
    public var relError: Double?
    /// Index into `Panel.layers` of the layer under the alternative reading
    /// (links.csv `alt_layer`); nil = the reading is not ambiguous.
    public var alternativeLayer: Int?

    public init(
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
