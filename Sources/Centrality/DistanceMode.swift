/// How an edge weight (an intensity) becomes a path length for betweenness,
/// closeness and harmonic centrality. Strength, eigenvector and PageRank always
/// use the weight itself, whatever the mode.
package enum DistanceMode: String, Sendable, Hashable, Codable, CaseIterable {
    /// length = 1/w: a stronger tie is a shorter path (the default for cooperation intensities).
    case inverse
    /// length = w: the weight already is a length (networkx `weight=`).
    case raw
    /// Every edge has length 1 (weights ignored): breadth-first search.
    case hops

    /// The length of an edge of weight `w` (weighted modes only).
    @inlinable
    package func length(ofWeight w: Double) -> Double {
        switch self {
        case .inverse: return 1 / w
        case .raw: return w
        case .hops: return 1
        }
    }
}
