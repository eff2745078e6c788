/// Computes several measures of one graph at once, sharing work: betweenness,
/// closeness and harmonic come from a single all-pairs pass (one search per source).
///
/// Every measure follows its function's documented networkx convention
/// (`degreeCentrality`, `strength`, `betweennessCentrality`, `closenessCentrality`,
/// `harmonicCentrality`, `eigenvectorCentrality`, `pageRank`). Eigenvector and
/// PageRank values are the last iterate even if `maxIterations` was hit; call their
/// functions directly to see `converged`.
///
/// Cost: O(n·m log n) for the path measures (O(n·m) with `.hops`), O(m) per power
/// iteration otherwise. Buffers are allocated once per call, never in inner loops.
package func centralities(
    of graph: Graph,
    measures: some Sequence<CentralityMeasure> = CentralityMeasure.allCases,
    options: CentralityOptions = CentralityOptions()
) -> [CentralityMeasure: [Double]] {
    let wanted = Set(measures)
    var result: [CentralityMeasure: [Double]] = [:]
    let wantsBetweenness = wanted.contains(.betweenness)
    let wantsDistances = wanted.contains(.closeness) || wanted.contains(.harmonic)
    if wantsBetweenness || wantsDistances {
        let sums = PathSums.compute(
            graph: graph, distance: options.distance, threads: options.threads,
            betweenness: wantsBetweenness, distances: wantsDistances)
        if wantsBetweenness {
            result[.betweenness] = sums.scaledBetweenness(graph: graph, normalized: options.normalizedBetweenness)
        }
        if wanted.contains(.closeness) { result[.closeness] = sums.closeness }
        if wanted.contains(.harmonic) { result[.harmonic] = sums.harmonic }
    }
    if wanted.contains(.degree) { result[.degree] = degreeCentrality(of: graph) }
    if wanted.contains(.strength) { result[.strength] = strength(of: graph) }
    if wanted.contains(.eigenvector) { result[.eigenvector] = eigenvectorCentrality(of: graph, options: options).values }
    if wanted.contains(.pagerank) { result[.pagerank] = pageRank(of: graph, options: options).values }
    return result
}
