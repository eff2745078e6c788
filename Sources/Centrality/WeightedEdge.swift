/// One edge between dense node indices `0..<nodeCount`, with a weight that is an
/// *intensity* (bigger = stronger tie). Path-based measures turn it into a length
/// according to `DistanceMode`.
public struct WeightedEdge: Sendable, Hashable {
    public var source: Int
    public var target: Int
    public var weight: Double

    public init(source: Int, target: Int, weight: Double = 1) {
        self.source = source
        self.target = target
        self.weight = weight
    }
}
