import Dispatch

/// Per-node sums over all sources of single-source shortest paths: the raw
/// material of betweenness, closeness and harmonic centrality.
struct PathSums: Sendable {
    /// Σ_s δ_s(v) over ordered sources (not yet scaled).
    var betweenness: [Double]
    /// Σ_s d(s, t) over the sources s ≠ t that reach t (incoming distances).
    var distanceSum: [Double]
    /// Σ_s 1 / d(s, t).
    var harmonic: [Double]
    /// Number of sources s ≠ t that reach t.
    var reached: [Int]

    /// Zero sums; only the requested ones are allocated (the others stay empty), as a
    /// replicate asks for betweenness alone on every yearly graph and every array
    /// allocation costs a run-time metadata lookup in Swift 6's standard library.
    init(nodeCount n: Int, betweenness: Bool = true, distances: Bool = true) {
        self.betweenness = betweenness ? [Double](repeating: 0, count: n) : []
        distanceSum = distances ? [Double](repeating: 0, count: n) : []
        harmonic = distances ? [Double](repeating: 0, count: n) : []
        reached = distances ? [Int](repeating: 0, count: n) : []
    }

    /// Adds one chunk's sums (callers add chunks in chunk order: fixed reduction order).
    mutating func add(_ chunk: ShortestPathWorkspace) {
        for v in betweenness.indices {
            betweenness[v] += chunk.betweenness[v]
        }
        for v in distanceSum.indices {
            distanceSum[v] += chunk.distanceSum[v]
            harmonic[v] += chunk.harmonic[v]
            reached[v] += chunk.reached[v]
        }
    }

    /// Computes the sums for every source, on up to `threads` threads.
    ///
    /// Betweenness of an undirected graph with pendant trees is computed on its
    /// pruned core (`PendantTrees`) plus closed-form tree counts; distances, which
    /// need every source, then take a separate pass without path counting. A
    /// graph without pendant nodes keeps the single combined pass — the same bits
    /// either way, whatever other measures are requested.
    static func compute(
        graph: Graph, distance: DistanceMode, threads: Int,
        betweenness: Bool, distances: Bool
    ) -> PathSums {
        let n = graph.nodeCount
        guard n > 0, betweenness || distances else { return PathSums(nodeCount: n) }
        if betweenness && !graph.isDirected {
            let trees = PendantTrees(graph: graph)
            if trees.prunedAny {
                var sums =
                    distances
                    ? search(
                        PathGraph(graph: graph, distance: distance), threads: threads,
                        betweenness: false, distances: true)
                    : PathSums(nodeCount: n, betweenness: false, distances: false)
                let core = search(
                    PathGraph(core: trees, of: graph, distance: distance), threads: threads,
                    betweenness: true, distances: false)
                sums.betweenness = trees.treeBetweenness
                for (i, v) in trees.coreNodes.enumerated() { sums.betweenness[Int(v)] += core.betweenness[i] }
                return sums
            }
        }
        return search(
            PathGraph(graph: graph, distance: distance), threads: threads,
            betweenness: betweenness, distances: distances)
    }

    /// One search per node of `pathGraph`, sums indexed by its nodes.
    ///
    /// Determinism: sources are cut into chunks of `sourcesPerChunk` that depend on
    /// n only; each chunk is summed from zero in its own buffer and the chunk sums
    /// are added to the totals in chunk order. Threads only change which worker
    /// computes a chunk, so any thread count gives the same bits.
    private static func search(_ pathGraph: PathGraph, threads: Int, betweenness: Bool, distances: Bool) -> PathSums {
        let n = pathGraph.nodeCount
        var sums = PathSums(nodeCount: n, betweenness: betweenness, distances: distances)
        guard n > 0 else { return sums }
        let chunkCount = (n + sourcesPerChunk - 1) / sourcesPerChunk
        // Small graphs: thread start-up costs more than it saves (same bits either way).
        let workers = n < 256 ? 1 : max(1, min(threads, chunkCount))
        if workers == 1 {  // the common case (every yearly graph): no array of workspaces
            let workspace = ShortestPathWorkspace(graph: pathGraph)
            for chunk in 0..<chunkCount {
                workspace.processChunk(chunkSources(chunk, nodeCount: n), betweenness: betweenness, distances: distances)
                sums.add(workspace)
            }
            return sums
        }
        let workspaces = (0..<workers).map { _ in ShortestPathWorkspace(graph: pathGraph) }
        var first = 0
        while first < chunkCount {
            let batch = min(workers, chunkCount - first)
            if batch == 1 {
                workspaces[0].processChunk(chunkSources(first, nodeCount: n), betweenness: betweenness, distances: distances)
            } else {
                let base = first
                DispatchQueue.concurrentPerform(iterations: batch) { i in
                    workspaces[i].processChunk(chunkSources(base + i, nodeCount: n), betweenness: betweenness, distances: distances)
                }
            }
            for i in 0..<batch { sums.add(workspaces[i]) }
            first += batch
        }
        return sums
    }

    static let sourcesPerChunk = 32

    static func chunkSources(_ chunk: Int, nodeCount n: Int) -> Range<Int> {
        chunk * sourcesPerChunk..<min(n, (chunk + 1) * sourcesPerChunk)
    }
}
