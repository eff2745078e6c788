/// The forward adjacency of a `Graph` with one length per arc, copied into raw
/// memory so the shortest-path kernels run without bounds checks or retain/release.
///
/// Immutable after `init` and only read afterwards, so one instance is shared by
/// every worker thread (hence `@unchecked Sendable`).
final class PathGraph: @unchecked Sendable {
    let nodeCount: Int
    /// `false` for `DistanceMode.hops`: breadth-first search, `lengths` is empty.
    let weighted: Bool
    /// Arcs of `u` are `offsets[u]..<offsets[u + 1]`.
    let offsets: UnsafeMutableBufferPointer<Int>
    let targets: UnsafeMutableBufferPointer<Int32>
    let lengths: UnsafeMutableBufferPointer<Double>
    /// Predecessors of `w` are stored from `predecessorOffsets[w]`: a node has at
    /// most in-degree predecessors, so the in-adjacency offsets bound them.
    let predecessorOffsets: UnsafeMutableBufferPointer<Int>
    /// How many original nodes each node stands for (ω): 1 everywhere, except on
    /// the core of a pruned graph (`PendantTrees`). Multiplying by 1.0 is exact,
    /// so an unpruned graph gives the same bits as plain Brandes.
    let nodeWeights: UnsafeMutableBufferPointer<Double>
    var arcCount: Int { targets.count }

    init(graph: Graph, distance: DistanceMode) {
        nodeCount = graph.nodeCount
        weighted = distance != .hops
        offsets = Self.copy(graph.outOffsets)
        targets = Self.copy(graph.outNeighbors)
        predecessorOffsets = Self.copy(graph.inOffsets)
        lengths = weighted ? Self.copy(graph.outWeights.map { distance.length(ofWeight: $0) }) : .allocate(capacity: 0)
        nodeWeights = .allocate(capacity: graph.nodeCount)
        nodeWeights.initialize(repeating: 1)
    }

    /// The subgraph of an undirected `graph` induced by the core of `trees`,
    /// renumbered `0..<coreNodes.count` in ascending original order (neighbour
    /// lists stay sorted), each node weighted by its ω.
    init(core trees: PendantTrees, of graph: Graph, distance: DistanceMode) {
        let core = trees.coreNodes
        nodeCount = core.count
        weighted = distance != .hops
        var local = [Int32](repeating: -1, count: graph.nodeCount)
        for (i, v) in core.enumerated() { local[Int(v)] = Int32(i) }
        var coreOffsets = [Int](repeating: 0, count: core.count + 1)
        var coreTargets: [Int32] = []
        var coreLengths: [Double] = []
        for (i, v) in core.enumerated() {
            let u = Int(v)
            for arc in graph.outOffsets[u]..<graph.outOffsets[u + 1] {
                let w = local[Int(graph.outNeighbors[arc])]
                guard w >= 0 else { continue }
                coreTargets.append(w)
                if weighted { coreLengths.append(distance.length(ofWeight: graph.outWeights[arc])) }
            }
            coreOffsets[i + 1] = coreTargets.count
        }
        offsets = Self.copy(coreOffsets)
        targets = Self.copy(coreTargets)
        predecessorOffsets = Self.copy(coreOffsets)
        lengths = Self.copy(coreLengths)
        nodeWeights = Self.copy(trees.coreWeights)
    }

    deinit {
        offsets.deallocate()
        targets.deallocate()
        lengths.deallocate()
        predecessorOffsets.deallocate()
        nodeWeights.deallocate()
    }

    private static func copy<T>(_ array: [T]) -> UnsafeMutableBufferPointer<T> {
        let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: array.count)
        _ = buffer.initialize(from: array)
        return buffer
    }
}
