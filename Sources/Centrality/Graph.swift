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
package struct Graph: Sendable {
    package let nodeCount: Int
    package let isDirected: Bool
    /// Edges after merging and dropping loops (an undirected pair counts once).
    package let edgeCount: Int
    /// Input edges that were self-loops and were dropped.
    package let droppedSelfLoops: Int

    /// Arcs leaving node `u` are `outOffsets[u]..<outOffsets[u + 1]`.
    package let outOffsets: [Int]
    package let outNeighbors: [Int32]
    package let outWeights: [Double]
    /// Arcs entering node `v` are `inOffsets[v]..<inOffsets[v + 1]` (= out arrays when undirected).
    package let inOffsets: [Int]
    package let inNeighbors: [Int32]
    package let inWeights: [Double]

    /// Builds the graph from edges between dense indices.
    ///
    /// - Throws: `GraphError` for an endpoint outside `0..<nodeCount` or a weight
    ///   that is not finite and positive (the error names the edge's position), or
    ///   for more than `Int32.max` edges.
    package init(nodeCount: Int, edges: [WeightedEdge], directed: Bool) throws(GraphError) {
        guard nodeCount >= 0, nodeCount <= Int(Int32.max) else { throw .invalidNodeCount(nodeCount) }
        let n = nodeCount
        // 1. Validate everything before allocating; count the loops. Then drop loops,
        //    orient undirected pairs as (min, max), sort by (source, target) with two
        //    stable counting sorts so equal pairs keep input order, merge by summing.
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
            if edge.source == edge.target { loops += 1 }
        }
        guard edges.count - loops <= Int(Int32.max) else { throw .tooManyEdges(edges.count - loops) }
        // A graph is built for every year of every bootstrap replicate, so its
        // temporaries live in three scratch blocks instead of a dozen arrays.
        var scratch = GraphBuildScratch(nodeCount: n, arcCapacity: edges.count - loops)
        let arcCount = scratch.sortedMergedArcs(edges, directed: directed)
        self.nodeCount = n
        self.isDirected = directed
        self.edgeCount = arcCount
        self.droppedSelfLoops = loops

        // 2. Out-adjacency. Undirected: every pair (u < v) becomes u→v and v→u;
        //    filling in (u, v) order keeps every row sorted.
        let out = scratch.compressedRows(transposed: false, symmetric: !directed)
        self.outOffsets = out.offsets
        self.outNeighbors = out.neighbors
        self.outWeights = out.weights
        if directed {
            let into = scratch.compressedRows(transposed: true, symmetric: false)
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
    package init(nodeCount: Int, edges: [(Int, Int, Double)], directed: Bool) throws(GraphError) {
        try self.init(
            nodeCount: nodeCount,
            edges: edges.map { WeightedEdge(source: $0.0, target: $0.1, weight: $0.2) },
            directed: directed)
    }

    /// Number of arcs leaving `u` (= distinct neighbours when undirected).
    @inlinable package func outDegree(_ u: Int) -> Int { outOffsets[u + 1] - outOffsets[u] }

    /// Number of arcs entering `v` (= `outDegree` when undirected).
    @inlinable package func inDegree(_ v: Int) -> Int { inOffsets[v + 1] - inOffsets[v] }
}
