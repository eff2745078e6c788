/// A compact, immutable graph in compressed sparse row (CSR) form over dense node
/// indices `0..<nodeCount`: the input of every centrality measure.
///
/// Conventions (decided once, here):
/// - **Parallel edges are merged by summing their weights** (several layers or
///   repeated rows between the same pair = one tie whose intensity is the sum). On
///   an undirected graph `(u, v)` and `(v, u)` are the same pair; on a directed
///   graph they are two different arcs. Weights are summed in input order.
/// - **Self-loops are dropped.** A loop lies on no shortest path between two
///   distinct nodes; keeping it would only change degree, strength, eigenvector and
///   PageRank in library-specific ways (networkx counts a loop twice in a degree,
///   igraph optionally). `droppedSelfLoops` says how many input edges were loops.
/// - Weights are intensities and must be finite and strictly positive; a
///   zero-intensity link is no link (leave it out of the edge list).
/// - Neighbour lists are sorted by node index, so every computation visits them in
///   one fixed order and results are reproducible bit for bit.
///
/// An undirected edge is stored as two arcs; its `in*` arrays are the `out*`
/// arrays (shared storage, no copy). A directed graph also keeps its transpose,
/// because closeness and harmonic use *incoming* distances and eigenvector
/// centrality and PageRank pull from in-neighbours (networkx conventions).
public struct Graph: Sendable {
    public let nodeCount: Int
    public let isDirected: Bool
    /// Edges after merging and dropping loops (an undirected pair counts once).
    public let edgeCount: Int
    /// Input edges that were self-loops and were dropped.
    public let droppedSelfLoops: Int

    /// Arcs leaving node `u` are `outOffsets[u]..<outOffsets[u + 1]`.
    public let outOffsets: [Int]
    public let outNeighbors: [Int32]
    public let outWeights: [Double]
    /// Arcs entering node `v` are `inOffsets[v]..<inOffsets[v + 1]` (= out arrays when undirected).
    public let inOffsets: [Int]
    public let inNeighbors: [Int32]
    public let inWeights: [Double]

    /// Builds the graph from edges between dense indices.
    ///
    /// - Throws: `GraphError` for an endpoint outside `0..<nodeCount` or a weight
    ///   that is not finite and positive; the error names the edge's position.
    public init(nodeCount: Int, edges: [WeightedEdge], directed: Bool) throws(GraphError) {
        guard nodeCount >= 0, nodeCount <= Int(Int32.max) else { throw .invalidNodeCount(nodeCount) }
        let n = nodeCount
        // 1. Validate; orient undirected pairs as (min, max); drop loops.
        var sources: [Int32] = []
        var targets: [Int32] = []
        var weights: [Double] = []
        sources.reserveCapacity(edges.count)
        targets.reserveCapacity(edges.count)
        weights.reserveCapacity(edges.count)
        var loops = 0
        for (position, edge) in edges.enumerated() {
            if edge.source < 0 || edge.source >= n {
                throw .nodeOutOfRange(edge: position, node: edge.source, nodeCount: n)
            }
            if edge.target < 0 || edge.target >= n {
                throw .nodeOutOfRange(edge: position, node: edge.target, nodeCount: n)
            }
            guard edge.weight.isFinite, edge.weight > 0 else {
                throw .invalidWeight(edge: position, weight: edge.weight)
            }
            if edge.source == edge.target {
                loops += 1
                continue
            }
            var u = edge.source, v = edge.target
            if !directed && u > v { swap(&u, &v) }
            sources.append(Int32(u))
            targets.append(Int32(v))
            weights.append(edge.weight)
        }
        // 2. Sort by (source, target) with two stable counting sorts (LSD radix),
        //    so equal pairs keep input order, then merge them by summing weights.
        let byTarget = Self.stableOrder(keys: targets, keyCount: n, order: Array(0..<Int32(targets.count)))
        let order = Self.stableOrder(keys: sources, keyCount: n, order: byTarget)
        var arcSources: [Int32] = []
        var arcTargets: [Int32] = []
        var arcWeights: [Double] = []
        arcSources.reserveCapacity(order.count)
        arcTargets.reserveCapacity(order.count)
        arcWeights.reserveCapacity(order.count)
        for index in order {
            let i = Int(index)
            if let last = arcSources.indices.last, arcSources[last] == sources[i], arcTargets[last] == targets[i] {
                arcWeights[last] += weights[i]
            } else {
                arcSources.append(sources[i])
                arcTargets.append(targets[i])
                arcWeights.append(weights[i])
            }
        }
        self.nodeCount = n
        self.isDirected = directed
        self.edgeCount = arcSources.count
        self.droppedSelfLoops = loops

        // 3. Out-adjacency. Undirected: every pair (u < v) becomes u→v and v→u;
        //    filling in (u, v) order keeps every row sorted.
        let out = Self.compressedRows(
            nodeCount: n, rows: arcSources, columns: arcTargets, weights: arcWeights, symmetric: !directed)
        self.outOffsets = out.offsets
        self.outNeighbors = out.neighbors
        self.outWeights = out.weights
        if directed {
            let into = Self.compressedRows(
                nodeCount: n, rows: arcTargets, columns: arcSources, weights: arcWeights, symmetric: false)
            self.inOffsets = into.offsets
            self.inNeighbors = into.neighbors
            self.inWeights = into.weights
        } else {
            self.inOffsets = out.offsets
            self.inNeighbors = out.neighbors
            self.inWeights = out.weights
        }
    }

    /// Convenience: edges as `(source, target, weight)` tuples.
    public init(nodeCount: Int, edges: [(Int, Int, Double)], directed: Bool) throws(GraphError) {
        try self.init(nodeCount: nodeCount,
                      edges: edges.map { WeightedEdge(source: $0.0, target: $0.1, weight: $0.2) },
                      directed: directed)
    }

    /// Number of arcs leaving `u` (= distinct neighbours when undirected).
    @inlinable public func outDegree(_ u: Int) -> Int { outOffsets[u + 1] - outOffsets[u] }

    /// Number of arcs entering `v` (= `outDegree` when undirected).
    @inlinable public func inDegree(_ v: Int) -> Int { inOffsets[v + 1] - inOffsets[v] }

    /// Stable counting sort of `order` by `keys[order[i]]`.
    private static func stableOrder(keys: [Int32], keyCount: Int, order: [Int32]) -> [Int32] {
        var start = [Int](repeating: 0, count: keyCount + 1)
        for index in order { start[Int(keys[Int(index)]) + 1] += 1 }
        for k in 0..<keyCount { start[k + 1] += start[k] }
        var sorted = [Int32](repeating: 0, count: order.count)
        for index in order {
            let k = Int(keys[Int(index)])
            sorted[start[k]] = index
            start[k] += 1
        }
        return sorted
    }

    /// CSR rows from arcs already sorted by (row, column); `symmetric` also adds
    /// every arc reversed (undirected storage).
    private static func compressedRows(
        nodeCount n: Int, rows: [Int32], columns: [Int32], weights: [Double], symmetric: Bool
    ) -> (offsets: [Int], neighbors: [Int32], weights: [Double]) {
        var offsets = [Int](repeating: 0, count: n + 1)
        for i in rows.indices {
            offsets[Int(rows[i]) + 1] += 1
            if symmetric { offsets[Int(columns[i]) + 1] += 1 }
        }
        for u in 0..<n { offsets[u + 1] += offsets[u] }
        var next = Array(offsets.dropLast())
        let total = offsets[n]
        var neighbors = [Int32](repeating: 0, count: total)
        var rowWeights = [Double](repeating: 0, count: total)
        for i in rows.indices {
            let r = Int(rows[i]), c = Int(columns[i])
            neighbors[next[r]] = columns[i]
            rowWeights[next[r]] = weights[i]
            next[r] += 1
            if symmetric {
                neighbors[next[c]] = rows[i]
                rowWeights[next[c]] = weights[i]
                next[c] += 1
            }
        }
        return (offsets, neighbors, rowWeights)
    }
}
