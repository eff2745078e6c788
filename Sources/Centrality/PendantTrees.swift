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
        // Scratch for the pruning (stack memory when small: this runs once per yearly
        // graph of every bootstrap replicate): per node its component size, degree left,
        // ω, pair count of its pruned subtrees, and a stack of leaves to prune.
        var tree = [Double](repeating: 0, count: n)
        var core: [Int32] = []
        var weights: [Double] = []
        core.reserveCapacity(n)
        weights.reserveCapacity(n)
        withUnsafeTemporaryAllocation(of: Int.self, capacity: 5 * n) { scratch in
            guard let base = scratch.baseAddress else { return }
            let componentSize = base
            let degree = base + n
            let omega = base + 2 * n
            let childPairs = base + 3 * n
            let leaves = base + 4 * n
            Self.componentSizes(graph, into: componentSize, queue: leaves)
            var leafCount = 0
            for v in 0..<n {
                degree[v] = graph.outDegree(v)
                omega[v] = 1  // ω and the pair counts are integers (< n² ≤ 2⁶²): exact until converted
                childPairs[v] = 0
                if degree[v] == 1 {
                    leaves[leafCount] = v
                    leafCount += 1
                }
            }
            // A pruned node's degree is set to -1 (removed); ω is frozen from then on.
            while leafCount > 0 {
                leafCount -= 1
                let v = leaves[leafCount]
                guard degree[v] == 1 else { continue }
                var parent = -1
                for arc in graph.outOffsets[v]..<graph.outOffsets[v + 1] where degree[Int(graph.outNeighbors[arc])] >= 0 {
                    parent = Int(graph.outNeighbors[arc])
                    break
                }
                degree[v] = -1
                // The ordered pairs from v's tree (size s) to the nodes of the component
                // outside it, the parent excepted, all pass through the parent.
                let s = omega[v]
                childPairs[parent] += s * (componentSize[v] - 1 - s)
                omega[parent] += s
                degree[parent] -= 1
                if degree[parent] == 1 {
                    leaves[leafCount] = parent  // n slots suffice: a node is pushed once, when its degree first is 1
                    leafCount += 1
                }
            }
            // A node x with pruned subtrees of sizes sᵢ (ω = 1 + Σ sᵢ) in a component of
            // size C lies on the paths from each subtree to all nodes outside it other
            // than x — Σ sᵢ(C − 1 − sᵢ) — and on those entering its trees from outside,
            // (C − ω)(ω − 1).
            for x in 0..<n {
                tree[x] = Double(childPairs[x] + (componentSize[x] - omega[x]) * (omega[x] - 1))
                if degree[x] >= 0 {
                    core.append(Int32(x))
                    weights.append(Double(omega[x]))
                }
            }
        }
        self.coreNodes = core
        self.coreWeights = weights
        self.treeBetweenness = tree
    }

    /// Writes the size of each node's connected component (breadth-first, undirected)
    /// into `size`, using `queue` (n slots) as the search queue.
    private static func componentSizes(_ graph: Graph, into size: UnsafeMutablePointer<Int>, queue: UnsafeMutablePointer<Int>) {
        let n = graph.nodeCount
        size.update(repeating: 0, count: n)
        for start in 0..<n where size[start] == 0 {
            queue[0] = start
            size[start] = -1
            var head = 0
            var tail = 1
            while head < tail {
                let v = queue[head]
                head += 1
                for arc in graph.outOffsets[v]..<graph.outOffsets[v + 1] {
                    let w = Int(graph.outNeighbors[arc])
                    if size[w] == 0 {
                        size[w] = -1
                        queue[tail] = w
                        tail += 1
                    }
                }
            }
            for i in 0..<tail { size[queue[i]] = tail }
        }
    }
}
