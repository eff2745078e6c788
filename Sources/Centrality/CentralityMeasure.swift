/// The measures this module computes; raw values are the CLI and output names.
/// Each follows the networkx 3.x default (docs/CONVENTIONS.md).
package enum CentralityMeasure: String, Sendable, Hashable, Codable, CodingKeyRepresentable, CaseIterable {
    /// networkx `degree_centrality`: degree / (n − 1), in + out on digraphs; 1 when n ≤ 1.
    case degree
    /// Sum of incident weights (in + out on digraphs); not normalized.
    case strength
    /// Brandes betweenness, normalized as networkx (`normalized=True`), endpoints excluded.
    case betweenness
    /// Wasserman–Faust improved closeness on *incoming* distances (networkx default).
    case closeness
    /// Σ 1/d(v, u) over nodes v reaching u (incoming), not normalized (networkx).
    case harmonic
    /// Weighted eigenvector centrality on in-edges, L2 norm 1 (networkx power iteration).
    case eigenvector
    /// Weighted PageRank, α = 0.85, dangling mass spread uniformly, Σ = 1 (networkx).
    case pagerank

    /// Measures computed from all-pairs shortest paths (they depend on `DistanceMode`).
    package var usesPathLengths: Bool {
        switch self {
        case .betweenness, .closeness, .harmonic: return true
        case .degree, .strength, .eigenvector, .pagerank: return false
        }
    }
}
