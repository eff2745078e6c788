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
    var arcCount: Int { targets.count }

    init(graph: Graph, distance: DistanceMode) {
        nodeCount = graph.nodeCount
        weighted = distance != .hops
        offsets = Self.copy(graph.outOffsets)
        targets = Self.copy(graph.outNeighbors)
        predecessorOffsets = Self.copy(graph.inOffsets)
        if weighted {
            lengths = Self.copy(graph.outWeights.map { distance.length(ofWeight: $0) })
        } else {
            lengths = .allocate(capacity: 0)
        }
    }

    deinit {
        offsets.deallocate()
        targets.deallocate()
        lengths.deallocate()
        predecessorOffsets.deallocate()
    }

    private static func copy<T>(_ array: [T]) -> UnsafeMutableBufferPointer<T> {
        let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: array.count)
        _ = buffer.initialize(from: array)
        return buffer
    }
}
