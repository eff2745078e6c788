/// Weighted PageRank, networkx 3.x `pagerank` (its scipy power iteration): transition
/// P_uv = w_uv / Σ_x w_ux; dangling nodes (no outgoing weight, isolated nodes
/// included) spread their mass uniformly over all n nodes; uniform teleport with
/// probability 1 − α (`options.damping`, default 0.85); Σ PR = 1. An undirected edge
/// is two arcs of weight w. Starts from 1/n and stops when Σ|Δx| < n · tolerance.
package func pageRank(of graph: Graph, options: CentralityOptions = CentralityOptions()) -> PowerIterationResult {
    let n = graph.nodeCount
    guard n > 0 else { return PowerIterationResult(values: [], iterations: 0, converged: true) }
    let alpha = options.damping
    let uniform = 1 / Double(n)
    // Reciprocal out-strengths (networkx multiplies by 1/S), then per in-arc transition weights.
    var inverseOutStrength = [Double](repeating: 0, count: n)
    var dangling: [Int] = []
    for u in 0..<n {
        var total = 0.0
        for arc in graph.outOffsets[u]..<graph.outOffsets[u + 1] { total += graph.outWeights[arc] }
        if total != 0 { inverseOutStrength[u] = 1 / total } else { dangling.append(u) }
    }
    let transition = graph.inNeighbors.indices.map { arc in
        graph.inWeights[arc] * inverseOutStrength[Int(graph.inNeighbors[arc])]
    }
    var x = [Double](repeating: uniform, count: n)
    var next = [Double](repeating: 0, count: n)
    let threshold = Double(n) * options.tolerance
    let teleport = (1 - alpha) * uniform
    var iteration = 0
    var converged = false
    graph.inOffsets.withUnsafeBufferPointer { offsets in
        graph.inNeighbors.withUnsafeBufferPointer { neighbors in
            transition.withUnsafeBufferPointer { probabilities in
                while iteration < options.maxIterations {
                    iteration += 1
                    var danglingMass = 0.0
                    for u in dangling { danglingMass += x[u] }
                    let spread = danglingMass * uniform
                    var change = 0.0
                    for v in 0..<n {
                        var inflow = 0.0
                        for arc in offsets[v]..<offsets[v + 1] {
                            inflow += x[Int(neighbors[arc])] * probabilities[arc]
                        }
                        let value = alpha * (inflow + spread) + teleport
                        next[v] = value
                        change += abs(value - x[v])
                    }
                    swap(&x, &next)
                    if change < threshold {
                        converged = true
                        break
                    }
                }
            }
        }
    }
    return PowerIterationResult(values: x, iterations: iteration, converged: converged)
}
