/// One edge between dense node indices `0..<nodeCount`, with a weight that is an
/// *intensity* (bigger = stronger tie). Path-based measures turn it into a length
/// according to `DistanceMode`.
package struct WeightedEdge: Sendable, Hashable {
    package var source: Int
    package var target: Int
    package var weight: Double

    package init(source: Int, target: Int, weight: Double = 1) {
        self.source = source
        self.target = target
        self.weight = weight
    }
}
