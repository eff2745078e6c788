/// Scratch memory of one worker for single-source shortest paths (Brandes 2001)
/// and the per-chunk sums that the parallel driver reduces in a fixed order.
///
/// Everything is allocated once (O(n + m)) and reset per source only where the
/// search touched it, so the inner loops never allocate. An instance is used by
/// one thread at a time: the driver gives each concurrent iteration its own
/// workspace, which is why `@unchecked Sendable` is sound here.
final class ShortestPathWorkspace: @unchecked Sendable {
    /// Relative tolerance for comparing path lengths, as igraph's
    /// `IGRAPH_SHORTEST_PATH_EPSILON`: `a` and `b` are equal when
    /// |a − b| < ε (|a| + |b|). Exact rational ties such as 1/2 + 1/2 = 1/1 are then
    /// found although their floating-point sums differ in the last bit.
    static let epsilon = 1e-10

    let graph: PathGraph
    /// Distance from the current source; +∞ = not reached.
    let distance: UnsafeMutableBufferPointer<Double>
    /// σ: number of shortest paths from the source (Double: counts can exceed Int).
    let sigma: UnsafeMutableBufferPointer<Double>
    /// δ: dependency of the source on each node.
    let delta: UnsafeMutableBufferPointer<Double>
    /// Nodes in the order they were settled (Brandes' stack S); `order[0]` is the source.
    let order: UnsafeMutableBufferPointer<Int32>
    var reachedCount = 0
    let predecessorCount: UnsafeMutableBufferPointer<Int32>
    let predecessors: UnsafeMutableBufferPointer<Int32>
    /// Storage of the Dijkstra queue (`IndexedMinHeap`): keys, nodes, and each node's slot.
    let heapKeys: UnsafeMutableBufferPointer<Double>
    let heapNodes: UnsafeMutableBufferPointer<Int32>
    let heapPosition: UnsafeMutableBufferPointer<Int32>

    /// Sums over the sources of the current chunk.
    let betweenness: UnsafeMutableBufferPointer<Double>
    let distanceSum: UnsafeMutableBufferPointer<Double>
    let harmonic: UnsafeMutableBufferPointer<Double>
    let reached: UnsafeMutableBufferPointer<Int>

    /// The buffers above are slices of three blocks, one per element type: a
    /// workspace is made for every yearly graph of every bootstrap replicate, and
    /// three allocations cost less than thirteen.
    private let doubles: UnsafeMutablePointer<Double>
    private let int32s: UnsafeMutablePointer<Int32>
    private let ints: UnsafeMutablePointer<Int>

    init(graph: PathGraph) {
        self.graph = graph
        let n = graph.nodeCount
        doubles = .allocate(capacity: 7 * n)
        int32s = .allocate(capacity: 4 * n + graph.arcCount)
        ints = .allocate(capacity: n)
        distance = Self.slice(doubles, n, .infinity)
        sigma = Self.slice(doubles + n, n, 0)
        delta = Self.slice(doubles + 2 * n, n, 0)
        heapKeys = Self.slice(doubles + 3 * n, n, 0)
        betweenness = Self.slice(doubles + 4 * n, n, 0)
        distanceSum = Self.slice(doubles + 5 * n, n, 0)
        harmonic = Self.slice(doubles + 6 * n, n, 0)
        order = Self.slice(int32s, n, 0)
        predecessorCount = Self.slice(int32s + n, n, 0)
        heapNodes = Self.slice(int32s + 2 * n, n, 0)
        heapPosition = Self.slice(int32s + 3 * n, n, IndexedMinHeap.notQueued)
        predecessors = Self.slice(int32s + 4 * n, graph.arcCount, 0)
        reached = Self.slice(ints, n, 0)
    }

    private static func slice<T>(_ start: UnsafeMutablePointer<T>, _ count: Int, _ value: T) -> UnsafeMutableBufferPointer<T> {
        let buffer = UnsafeMutableBufferPointer(start: start, count: count)
        buffer.initialize(repeating: value)
        return buffer
    }

    deinit {
        doubles.deallocate()
        int32s.deallocate()
        ints.deallocate()
    }

    /// Runs every source of `sources` and leaves their sums in the chunk buffers
    /// (zeroed first, so a chunk's sums never depend on what ran before).
    func processChunk(_ sources: Range<Int>, betweenness wantBetweenness: Bool, distances wantDistances: Bool) {
        betweenness.update(repeating: 0)
        distanceSum.update(repeating: 0)
        harmonic.update(repeating: 0)
        reached.update(repeating: 0)
        for source in sources {
            if graph.weighted {
                dijkstra(from: source, countPaths: wantBetweenness)
            } else {
                breadthFirst(from: source, countPaths: wantBetweenness)
            }
            if wantBetweenness { accumulateDependencies(sourceWeight: graph.nodeWeights[source]) }
            if wantDistances { accumulateDistances() }
            resetTouched()
        }
    }

    /// Unweighted single-source search; `order` doubles as the FIFO queue.
    func breadthFirst(from source: Int, countPaths: Bool) {
        let offsets = graph.offsets.baseAddress!
        let targets = graph.targets.baseAddress!
        let predecessorOffsets = graph.predecessorOffsets.baseAddress!
        let distance = distance.baseAddress!
        let sigma = sigma.baseAddress!
        let order = order.baseAddress!
        let predecessors = predecessors.baseAddress!
        let predecessorCount = predecessorCount.baseAddress!
        distance[source] = 0
        sigma[source] = 1
        order[0] = Int32(source)
        var head = 0
        var tail = 1
        while head < tail {
            let v = Int(order[head])
            head += 1
            let next = distance[v] + 1
            let sigmaV = sigma[v]
            for arc in offsets[v]..<offsets[v + 1] {
                let w = Int(targets[arc])
                let current = distance[w]
                if current == .infinity {
                    distance[w] = next
                    order[tail] = Int32(w)
                    tail += 1
                    if countPaths {
                        sigma[w] = sigmaV
                        predecessors[predecessorOffsets[w]] = Int32(v)
                        predecessorCount[w] = 1
                    }
                } else if countPaths && current == next {
                    sigma[w] += sigmaV
                    predecessors[predecessorOffsets[w] + Int(predecessorCount[w])] = Int32(v)
                    predecessorCount[w] += 1
                }
            }
        }
        reachedCount = tail
    }

    /// Weighted single-source search: Dijkstra with an indexed 4-ary heap
    /// (decrease-key) and igraph's relative-epsilon comparison of path lengths.
    func dijkstra(from source: Int, countPaths: Bool) {
        let offsets = graph.offsets.baseAddress!
        let targets = graph.targets.baseAddress!
        let lengths = graph.lengths.baseAddress!
        let predecessorOffsets = graph.predecessorOffsets.baseAddress!
        let distance = distance.baseAddress!
        let sigma = sigma.baseAddress!
        let order = order.baseAddress!
        let predecessors = predecessors.baseAddress!
        let predecessorCount = predecessorCount.baseAddress!
        var heap = IndexedMinHeap(
            keys: heapKeys.baseAddress!, nodes: heapNodes.baseAddress!,
            position: heapPosition.baseAddress!)
        let position = heap.position
        let epsilon = Self.epsilon
        distance[source] = 0
        sigma[source] = 1
        heap.insert(Int32(source), key: 0)
        var count = 0
        while !heap.isEmpty {
            let node = heap.popMin()
            order[count] = node
            count += 1
            let v = Int(node)
            let distanceV = distance[v]
            let sigmaV = sigma[v]
            for arc in offsets[v]..<offsets[v + 1] {
                let w = Int(targets[arc])
                let slot = position[w]
                if slot == IndexedMinHeap.settled { continue }
                let candidate = distanceV + lengths[arc]
                if slot == IndexedMinHeap.notQueued {
                    distance[w] = candidate
                    if countPaths {
                        sigma[w] = sigmaV
                        predecessors[predecessorOffsets[w]] = node
                        predecessorCount[w] = 1
                    }
                    heap.insert(Int32(w), key: candidate)
                    continue
                }
                let current = distance[w]
                let tolerance = epsilon * (candidate + current)
                if candidate < current && current - candidate >= tolerance {
                    // Strictly shorter (beyond ε): w's predecessors restart at v.
                    distance[w] = candidate
                    if countPaths {
                        sigma[w] = sigmaV
                        predecessors[predecessorOffsets[w]] = node
                        predecessorCount[w] = 1
                    }
                    heap.decrease(Int32(w), to: candidate)
                } else if countPaths && (candidate == current || abs(candidate - current) < tolerance) {
                    // Equally short within ε: one more predecessor.
                    sigma[w] += sigmaV
                    predecessors[predecessorOffsets[w] + Int(predecessorCount[w])] = node
                    predecessorCount[w] += 1
                }
            }
        }
        reachedCount = count
    }

    /// Brandes' backward pass, as networkx `_accumulate_basic`:
    /// δ(v) += σ(v) · (ω(w) + δ(w)) / σ(w) for every predecessor v of w, and
    /// b(w) += ω(s) · δ(w) — with every ω = 1 exactly Brandes; on a pruned core ω
    /// counts the tree nodes each endpoint stands for.
    func accumulateDependencies(sourceWeight: Double) {
        let predecessorOffsets = graph.predecessorOffsets.baseAddress!
        let weight = graph.nodeWeights.baseAddress!
        let sigma = sigma.baseAddress!
        let delta = delta.baseAddress!
        let order = order.baseAddress!
        let predecessors = predecessors.baseAddress!
        let predecessorCount = predecessorCount.baseAddress!
        let betweenness = betweenness.baseAddress!
        var i = reachedCount - 1
        while i >= 1 {  // order[0] is the source: no predecessors, no credit
            let w = Int(order[i])
            let coefficient = (weight[w] + delta[w]) / sigma[w]
            let start = predecessorOffsets[w]
            for k in start..<(start + Int(predecessorCount[w])) {
                let v = Int(predecessors[k])
                delta[v] += sigma[v] * coefficient
            }
            betweenness[w] += sourceWeight * delta[w]
            i -= 1
        }
    }

    /// Adds d(source, t) for every reached t ≠ source: *incoming* distance sums of t.
    func accumulateDistances() {
        let distance = distance.baseAddress!
        let order = order.baseAddress!
        let distanceSum = distanceSum.baseAddress!
        let harmonic = harmonic.baseAddress!
        let reached = reached.baseAddress!
        var i = 1
        while i < reachedCount {
            let t = Int(order[i])
            let d = distance[t]
            distanceSum[t] += d
            harmonic[t] += 1 / d
            reached[t] += 1
            i += 1
        }
    }

    /// Restores the per-source arrays where the last search touched them.
    func resetTouched() {
        for i in 0..<reachedCount {
            let v = Int(order[i])
            distance[v] = .infinity
            sigma[v] = 0
            delta[v] = 0
            predecessorCount[v] = 0
            heapPosition[v] = IndexedMinHeap.notQueued
        }
        reachedCount = 0
    }
}
