import CooperationNetwork

/// The network of one year: the places active that year (at least one link of
/// positive weight) and their links merged per pair.
///
/// Parallel links between a pair (several layers, or repeated rows) are merged
/// by summing intensities — the convention of the `Centrality` graph. Only
/// active places are nodes, so density and centralities describe the network
/// that exists that year, not places founded later.
package struct YearNetwork: Sendable {
    package let year: Int
    /// Panel place indices of the nodes, ascending; node i is `activePlaces[i]`.
    package let activePlaces: [Int]
    /// Merged edges between node indices (u < v for undirected panels), sorted by (u, v).
    package let edges: [MergedEdge]
    package let directed: Bool

    package struct MergedEdge: Sendable, Hashable {
        package var source: Int
        package var target: Int
        package var weight: Double
        /// Whether the pair crosses the border.
        package var crossBorder: Bool
        /// Great-circle length of the pair (km).
        package var lengthKm: Double
    }

    /// Builds the year's network with per-link weights `weights` (indexed like
    /// `panel.links`; pass the panel's own weights or resampled ones).
    package init(panel: Panel, year: Int, weights: [Double], facts: LinkFacts) {
        self.year = year
        self.directed = panel.directed
        let range = panel.linkRange(in: year)
        // Built for every year of every replicate: the place → node map and the sort keys
        // live in temporary blocks, only the two results are arrays.
        var active: [Int] = []
        var edges: [MergedEdge] = []
        withUnsafeTemporaryAllocation(of: Int.self, capacity: panel.places.count) { local in
            local.initialize(repeating: -1)
            for i in range where weights[i] > 0 {
                local[panel.links[i].source] = 0
                local[panel.links[i].target] = 0
            }
            active.reserveCapacity(panel.places.count)
            for p in panel.places.indices where local[p] == 0 {
                local[p] = active.count
                active.append(p)
            }
            // (pair key, link index) sorted by key, then summed in link order: the
            // same order, hence the same bits, on every run.
            let n = active.count
            withUnsafeTemporaryAllocation(of: (key: Int, link: Int).self, capacity: range.count) { keyed in
                var count = 0
                for i in range where weights[i] > 0 {
                    var u = local[panel.links[i].source]
                    var v = local[panel.links[i].target]
                    if !panel.directed && u > v { swap(&u, &v) }
                    keyed.initializeElement(at: count, to: (u * n + v, i))
                    count += 1
                }
                var pairs = UnsafeMutableBufferPointer(rebasing: keyed[0..<count])
                pairs.sort { $0.key != $1.key ? $0.key < $1.key : $0.link < $1.link }
                edges.reserveCapacity(count)
                for (key, i) in pairs {
                    if let last = edges.last, last.source * n + last.target == key {
                        edges[edges.count - 1].weight += weights[i]
                    } else {
                        edges.append(
                            MergedEdge(
                                source: key / n, target: key % n, weight: weights[i],
                                crossBorder: facts.crossBorder[i], lengthKm: facts.lengthKm[i]))
                    }
                }
            }
        }
        self.activePlaces = active
        self.edges = edges
    }

    package var nodeCount: Int { activePlaces.count }
}
