/// networkx `degree_centrality`: degree / (n − 1), where a digraph's degree is
/// in-degree + out-degree (so values can exceed 1). With n ≤ 1 every node gets 1,
/// as networkx. Parallel edges were merged, so the degree counts distinct neighbours.
package func degreeCentrality(of graph: Graph) -> [Double] {
    let n = graph.nodeCount
    guard n > 1 else { return [Double](repeating: 1, count: n) }
    let scale = 1 / Double(n - 1)
    return (0..<n).map { v in
        let degree = graph.isDirected ? graph.outDegree(v) + graph.inDegree(v) : graph.outDegree(v)
        return Double(degree) * scale
    }
}

/// Strength: the sum of the weights of a node's edges (networkx
/// `G.degree(weight=...)`): out-weights then in-weights on a digraph. Always uses
/// the weight itself, whatever `DistanceMode`.
package func strength(of graph: Graph) -> [Double] {
    (0..<graph.nodeCount).map { v in
        var out = 0.0
        for arc in graph.outOffsets[v]..<graph.outOffsets[v + 1] { out += graph.outWeights[arc] }
        guard graph.isDirected else { return out }
        var into = 0.0
        for arc in graph.inOffsets[v]..<graph.inOffsets[v + 1] { into += graph.inWeights[arc] }
        return out + into
    }
}
