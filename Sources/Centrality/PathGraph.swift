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
        lengths = .allocate(capacity: weighted ? graph.outWeights.count : 0)
        if weighted {
            for (arc, weight) in graph.outWeights.enumerated() {
                lengths.initializeElement(at: arc, to: distance.length(ofWeight: weight))
            }
        }
        nodeWeights = .allocate(capacity: graph.nodeCount)
        nodeWeights.initialize(repeating: 1)
    }

    /// The subgraph of an undirected `graph` induced by the core of `trees`,
    /// renumbered `0..<coreNodes.count` in ascending original order (neighbour
    /// lists stay sorted), each node weighted by its ω. Built once per yearly graph
    /// of every bootstrap replicate, so the arcs are counted first and written
    /// straight into their buffers.
    init(core trees: PendantTrees, of graph: Graph, distance: DistanceMode) {
        let core = trees.coreNodes
        nodeCount = core.count
        weighted = distance != .hops
        let local = UnsafeMutableBufferPointer<Int32>.allocate(capacity: graph.nodeCount)
        defer { local.deallocate() }
        local.initialize(repeating: -1)
        for (i, v) in core.enumerated() { local[Int(v)] = Int32(i) }
        let offsets = UnsafeMutableBufferPointer<Int>.allocate(capacity: core.count + 1)
        offsets.initializeElement(at: 0, to: 0)
        var arcCount = 0
        for (i, v) in core.enumerated() {
            let u = Int(v)
            for arc in graph.outOffsets[u]..<graph.outOffsets[u + 1] where local[Int(graph.outNeighbors[arc])] >= 0 {
                arcCount += 1
            }
            offsets.initializeElement(at: i + 1, to: arcCount)
        }
        let targets = UnsafeMutableBufferPointer<Int32>.allocate(capacity: arcCount)
        let lengths = UnsafeMutableBufferPointer<Double>.allocate(capacity: weighted ? arcCount : 0)
        var next = 0
        for v in core {
            let u = Int(v)
            for arc in graph.outOffsets[u]..<graph.outOffsets[u + 1] {
                let w = local[Int(graph.outNeighbors[arc])]
                guard w >= 0 else { continue }
                targets.initializeElement(at: next, to: w)
                if weighted { lengths.initializeElement(at: next, to: distance.length(ofWeight: graph.outWeights[arc])) }
                next += 1
            }
        }
        self.offsets = offsets
        self.targets = targets
        self.lengths = lengths
        predecessorOffsets = Self.copy(UnsafeBufferPointer(offsets))
        nodeWeights = Self.copy(trees.coreWeights)
    }

    deinit {
        offsets.deallocate()
        targets.deallocate()
        lengths.deallocate()
        predecessorOffsets.deallocate()
        nodeWeights.deallocate()
    }

    private static func copy<C: Collection>(_ elements: C) -> UnsafeMutableBufferPointer<C.Element> {
        let buffer = UnsafeMutableBufferPointer<C.Element>.allocate(capacity: elements.count)
        _ = buffer.initialize(from: elements)
        return buffer
    }
}
