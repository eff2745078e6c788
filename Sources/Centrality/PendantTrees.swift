/// The pendant trees of an undirected graph, found by removing degree-1 nodes
/// until none is left (Baglioni, Geraci, Pellegrini & Lastres 2012, "Fast exact
/// computation of betweenness centrality in social networks").
///
/// Why: a shortest path between two nodes never enters a pendant tree unless an
/// endpoint lies in it, and inside a tree every path is unique. So the
/// betweenness that the tree nodes earn, and the betweenness their root earns
/// from paths leaving its own trees, are closed-form pair counts; only the
/// remaining *core* needs Brandes' searches, with every core node weighted by
/// ω = 1 + the number of tree nodes hanging from it. Sparse networks — a
/// bootstrap replicate keeps ~63% of a year's links — are mostly trees: their
/// core is a fraction of the graph and of the search work.
///
/// Counts are over *ordered* source–target pairs, like `PathSums`.
struct PendantTrees: Sendable {
    /// Original indices of the core nodes, ascending (every node when nothing was pruned).
    let coreNodes: [Int32]
    /// ω of each core node (aligned with `coreNodes`): itself plus its pruned trees.
    let coreWeights: [Double]
    /// Ordered pairs whose shortest path passes through each original node with
    /// at least one endpoint in a pendant tree (0 for a node with no tree below it).
    let treeBetweenness: [Double]

    /// Whether pruning removed at least one node.
    var prunedAny: Bool { coreNodes.count < treeBetweenness.count }

    /// Prunes `graph`, which must be undirected (a pendant node of a digraph can
    /// still relay paths in one direction; digraphs are not pruned).
    init(graph: Graph) {
        precondition(!graph.isDirected, "PendantTrees needs an undirected graph")
        let n = graph.nodeCount
        let offsets = graph.outOffsets, neighbors = graph.outNeighbors
        let componentSize = Self.componentSizes(graph)
        var degree = (0..<n).map { graph.outDegree($0) }
        var removed = [Bool](repeating: false, count: n)
        // ω and the pair counts are integers (< n² ≤ 2⁶²); exact until converted.
        var omega = [Int](repeating: 1, count: n)
        var childPairs = [Int](repeating: 0, count: n)
        var leaves = (0..<n).filter { degree[$0] == 1 }
        while let v = leaves.popLast() {
            guard !removed[v], degree[v] == 1 else { continue }
            var parent = -1
            for arc in offsets[v]..<offsets[v + 1] where !removed[Int(neighbors[arc])] {
                parent = Int(neighbors[arc])
                break
            }
            removed[v] = true
            degree[v] = 0
            // The ordered pairs from v's tree (size s) to the nodes of the component
            // outside it, the parent excepted, all pass through the parent.
            let s = omega[v]
            childPairs[parent] += s * (componentSize[v] - 1 - s)
            omega[parent] += s
            degree[parent] -= 1
            if degree[parent] == 1 { leaves.append(parent) }
        }
        // A node x with pruned subtrees of sizes sᵢ (ω = 1 + Σ sᵢ) in a component of
        // size C lies on the paths from each subtree to all nodes outside it other
        // than x — Σ sᵢ(C − 1 − sᵢ) — and on those entering its trees from outside,
        // (C − ω)(ω − 1). For a pruned node ω is frozen when it is removed.
        var tree = [Double](repeating: 0, count: n)
        var core: [Int32] = []
        var weights: [Double] = []
        for x in 0..<n {
            tree[x] = Double(childPairs[x] + (componentSize[x] - omega[x]) * (omega[x] - 1))
            if !removed[x] {
                core.append(Int32(x))
                weights.append(Double(omega[x]))
            }
        }
        self.coreNodes = core
        self.coreWeights = weights
        self.treeBetweenness = tree
    }

    /// Size of each node's connected component (breadth-first, undirected).
    private static func componentSizes(_ graph: Graph) -> [Int] {
        let n = graph.nodeCount
        var size = [Int](repeating: 0, count: n)
        var queue = [Int]()
        queue.reserveCapacity(n)
        for start in 0..<n where size[start] == 0 {
            queue.removeAll(keepingCapacity: true)
            queue.append(start)
            size[start] = -1
            var head = 0
            while head < queue.count {
                let v = queue[head]
                head += 1
                for arc in graph.outOffsets[v]..<graph.outOffsets[v + 1] {
                    let w = Int(graph.outNeighbors[arc])
                    if size[w] == 0 {
                        size[w] = -1
                        queue.append(w)
                    }
                }
            }
            for v in queue { size[v] = queue.count }
        }
        return size
    }
}
