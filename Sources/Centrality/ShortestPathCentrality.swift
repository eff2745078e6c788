/// Betweenness centrality (Brandes 2001; breadth-first search for `.hops`,
/// Dijkstra with ε-equal path lengths otherwise), networkx 3.x conventions:
/// endpoints excluded; normalized (default) by (n−1)(n−2) on digraphs and
/// (n−1)(n−2)/2 on undirected graphs; with n ≤ 2 all values are 0.
/// `normalizedBetweenness = false` gives the raw sums over ordered pairs
/// (digraphs) or unordered pairs (undirected), as networkx `normalized=False`.
package func betweennessCentrality(of graph: Graph, options: CentralityOptions = CentralityOptions()) -> [Double] {
    let sums = PathSums.compute(
        graph: graph, distance: options.distance, threads: options.threads,
        betweenness: true, distances: false)
    return sums.scaledBetweenness(graph: graph, normalized: options.normalizedBetweenness)
}

/// Closeness centrality, networkx default (`wf_improved=True`, Wasserman–Faust):
/// C(u) = (r−1)/Σ d(v, u) · (r−1)/(n−1), where the sum runs over the r−1 nodes v
/// that reach u — *incoming* distances on a digraph. A node reached by nobody gets 0.
package func closenessCentrality(of graph: Graph, options: CentralityOptions = CentralityOptions()) -> [Double] {
    PathSums.compute(
        graph: graph, distance: options.distance, threads: options.threads,
        betweenness: false, distances: true
    ).closeness
}

/// Harmonic centrality, networkx default: H(u) = Σ_{v ≠ u} 1/d(v, u) with
/// 1/∞ = 0 — incoming distances, not normalized.
package func harmonicCentrality(of graph: Graph, options: CentralityOptions = CentralityOptions()) -> [Double] {
    PathSums.compute(
        graph: graph, distance: options.distance, threads: options.threads,
        betweenness: false, distances: true
    ).harmonic
}

extension PathSums {
    /// networkx `_rescale`: sums run over ordered source–target pairs here, so the
    /// normalized scale is 1/((n−1)(n−2)) for both kinds of graph and the raw
    /// undirected value is halved.
    func scaledBetweenness(graph: Graph, normalized: Bool) -> [Double] {
        let n = graph.nodeCount
        let scale: Double
        if normalized {
            guard n > 2 else { return [Double](repeating: 0, count: n) }
            scale = 1 / (Double(n - 1) * Double(n - 2))
        } else {
            scale = graph.isDirected ? 1 : 0.5
        }
        return betweenness.map { $0 * scale }
    }

    /// Wasserman–Faust improved closeness from incoming distance sums (networkx order of operations).
    var closeness: [Double] {
        let n = distanceSum.count
        return distanceSum.indices.map { u in
            let total = distanceSum[u]
            guard total > 0, n > 1 else { return 0 }
            let others = Double(reached[u])
            return others / total * (others / Double(n - 1))
        }
    }
}
