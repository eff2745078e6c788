/// Weighted eigenvector centrality, networkx 3.x `eigenvector_centrality`:
/// x_v ∝ Σ_{u→v} w_uv x_u (in-edges on a digraph; both directions when undirected),
/// scaled to Euclidean norm 1. Computed exactly as networkx does: power iteration on
/// A + I from the uniform vector 1/n, stopping when Σ|Δx| < n · tolerance.
///
/// **Graphs that are not (strongly) connected.** The result is the limit of that
/// iteration: the vector concentrates on the component (or strongly connected
/// component and what lies downstream of it) with the largest eigenvalue; nodes
/// elsewhere decay towards 0 (they keep values of order n · tolerance when the
/// iteration stops). Components with exactly the same largest eigenvalue share the
/// mass as the uniform start dictates. This is networkx's (and, after scaling,
/// igraph's) answer; compute per component yourself if you need each one's own ranking.
/// Strongly-connected-free digraphs (DAGs) converge only polynomially: expect
/// `converged == false` there, as networkx fails on them too.
package func eigenvectorCentrality(of graph: Graph, options: CentralityOptions = CentralityOptions()) -> PowerIterationResult {
    let n = graph.nodeCount
    guard n > 0 else { return PowerIterationResult(values: [], iterations: 0, converged: true) }
    var x = [Double](repeating: 1 / Double(n), count: n)
    var next = [Double](repeating: 0, count: n)
    let threshold = Double(n) * options.tolerance
    var iteration = 0
    var converged = false
    graph.inOffsets.withUnsafeBufferPointer { offsets in
        graph.inNeighbors.withUnsafeBufferPointer { neighbors in
            graph.inWeights.withUnsafeBufferPointer { weights in
                // Raw pointers in the power loop (no bounds checks; the same operations in
                // the same order, so the same bits): it can run thousands of times on a
                // forest, where components converge at different rates.
                x.withUnsafeMutableBufferPointer { xBuffer in
                    next.withUnsafeMutableBufferPointer { nextBuffer in
                        guard var current = xBuffer.baseAddress, var other = nextBuffer.baseAddress else { return }
                        while iteration < options.maxIterations {
                            iteration += 1
                            var squares = 0.0
                            for v in 0..<n {
                                var value = current[v]
                                for arc in offsets[v]..<offsets[v + 1] {
                                    value += current[Int(neighbors[arc])] * weights[arc]
                                }
                                other[v] = value
                                squares += value * value
                            }
                            var norm = squares.squareRoot()
                            if norm == 0 { norm = 1 }
                            var change = 0.0
                            for v in 0..<n {
                                other[v] /= norm
                                change += abs(other[v] - current[v])
                            }
                            swap(&current, &other)
                            if change < threshold {
                                converged = true
                                break
                            }
                        }
                        // The latest iterate is in `current`: leave it in `x`'s storage.
                        if current != xBuffer.baseAddress { xBuffer.baseAddress?.update(from: current, count: n) }
                    }
                }
            }
        }
    }
    return PowerIterationResult(values: x, iterations: iteration, converged: converged)
}
