/// A 4-ary min-heap of nodes keyed by tentative distance, with decrease-key:
/// the Dijkstra queue of the weighted Brandes kernel.
///
/// Why not swift-collections' `Heap`: a min-max heap with lazy deletion spent
/// ~45% of weighted-betweenness time in `trickleDownMin` (perf, n = 2,000). An
/// indexed heap holds each node at most once (size ≤ n), decreases keys in place
/// and keeps keys next to nodes for cache locality; 4 children per node halve
/// the depth. Keys equal to the last bit are ordered by the heap's own
/// (deterministic) sequence of operations.
///
/// Storage belongs to `ShortestPathWorkspace`; this value only views it, so a
/// local copy in the kernel has no exclusivity checks. `position[v]` is v's slot,
/// `notQueued` (-1) if v was never reached, `settled` (-2) once popped.
struct IndexedMinHeap {
    static let notQueued: Int32 = -1
    static let settled: Int32 = -2

    let keys: UnsafeMutablePointer<Double>
    let nodes: UnsafeMutablePointer<Int32>
    let position: UnsafeMutablePointer<Int32>
    private(set) var count = 0

    init(keys: UnsafeMutablePointer<Double>, nodes: UnsafeMutablePointer<Int32>, position: UnsafeMutablePointer<Int32>) {
        self.keys = keys
        self.nodes = nodes
        self.position = position
    }

    var isEmpty: Bool { count == 0 }

    /// Adds `node` (not queued yet) with `key`.
    @inline(__always)
    mutating func insert(_ node: Int32, key: Double) {
        count += 1
        siftUp(node, key: key, from: count - 1)
    }

    /// Lowers the key of a queued `node`.
    @inline(__always)
    mutating func decrease(_ node: Int32, to key: Double) {
        siftUp(node, key: key, from: Int(position[Int(node)]))
    }

    /// Removes and returns the node with the smallest key; marks it settled.
    @inline(__always)
    mutating func popMin() -> Int32 {
        let top = nodes[0]
        position[Int(top)] = Self.settled
        count -= 1
        if count > 0 { siftDown(nodes[count], key: keys[count], from: 0) }
        return top
    }

    @inline(__always)
    private func siftUp(_ node: Int32, key: Double, from start: Int) {
        var slot = start
        while slot > 0 {
            let parent = (slot - 1) >> 2
            let parentKey = keys[parent]
            if !(key < parentKey) { break }
            keys[slot] = parentKey
            nodes[slot] = nodes[parent]
            position[Int(nodes[slot])] = Int32(slot)
            slot = parent
        }
        keys[slot] = key
        nodes[slot] = node
        position[Int(node)] = Int32(slot)
    }

    @inline(__always)
    private func siftDown(_ node: Int32, key: Double, from start: Int) {
        var slot = start
        while true {
            let first = (slot << 2) + 1
            if first >= count { break }
            var best = first
            var bestKey = keys[first]
            let last = min(first + 4, count)
            var child = first + 1
            while child < last {
                let childKey = keys[child]
                if childKey < bestKey {
                    best = child
                    bestKey = childKey
                }
                child += 1
            }
            if !(bestKey < key) { break }
            keys[slot] = bestKey
            nodes[slot] = nodes[best]
            position[Int(nodes[slot])] = Int32(slot)
            slot = best
        }
        keys[slot] = key
        nodes[slot] = node
        position[Int(node)] = Int32(slot)
    }
}
