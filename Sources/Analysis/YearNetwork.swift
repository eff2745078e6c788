import CooperationNetwork

/// The network of one year: the places active that year (at least one link of
/// positive weight) and their links merged per pair.
///
/// Parallel links between a pair (several layers, or repeated rows) are merged
/// by summing intensities — the convention of the `Centrality` graph. Only
/// active places are nodes, so density and centralities describe the network
/// that exists that year, not places founded later.
public struct YearNetwork: Sendable {
    public let year: Int
    /// Panel place indices of the nodes, ascending; node i is `activePlaces[i]`.
    public let activePlaces: [Int]
    /// Merged edges between node indices (u < v for undirected panels), sorted.
    public let edges: [MergedEdge]
    public let directed: Bool

    public struct MergedEdge: Sendable, Hashable {
        public var source: Int
        public var target: Int
        public var weight: Double
    }

    /// Builds the year's network with per-link weights `weights` (indexed like
    /// `panel.links`; pass the panel's own weights or resampled ones).
    public init(panel: Panel, year: Int, weights: [Double]) {
        self.year = year
        self.directed = panel.directed
        let range = panel.linkRange(in: year)
        var isActive = [Bool](repeating: false, count: panel.places.count)
        for i in range where weights[i] > 0 {
            isActive[panel.links[i].source] = true
            isActive[panel.links[i].target] = true
        }
        var active: [Int] = []
        var local = [Int](repeating: -1, count: panel.places.count)
        for p in panel.places.indices where isActive[p] {
            local[p] = active.count
            active.append(p)
        }
        self.activePlaces = active
        var merged: [Int: Double] = [:]
        let n = active.count
        for i in range where weights[i] > 0 {
            var u = local[panel.links[i].source], v = local[panel.links[i].target]
            if !panel.directed && u > v { swap(&u, &v) }
            merged[u * n + v, default: 0] += weights[i]
        }
        self.edges = merged.keys.sorted().map { key in
            MergedEdge(source: key / n, target: key % n, weight: merged[key]!)
        }
    }

    public var nodeCount: Int { activePlaces.count }
}
