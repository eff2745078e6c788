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

    public init(source: Int, target: Int, year: Int, layer: Int, weight: Double, estimated: Bool = false) {
        self.source = source
        self.target = target
        self.year = year
        self.layer = layer
        self.weight = weight
        self.estimated = estimated
    }
}
