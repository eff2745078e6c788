/// The temporaries of one `Graph.init`: oriented arcs, two stable counting sorts
/// (LSD radix on (source, target)), the merged arcs and a row cursor, in three
/// blocks owned by this value and freed when it goes away.
///
/// A graph is built for every year of every bootstrap replicate; as arrays these
/// temporaries were a dozen allocations per graph (each with a run-time lookup of
/// the array's storage type), about a tenth of a replicate. The kernel is small
/// and unchecked on purpose: every index below is bounded by the counts taken in
/// the same pass (arc positions `< arcCapacity`, keys `< nodeCount`), and
/// `Graph.init` has validated the endpoints before calling it.
struct GraphBuildScratch: ~Copyable {
    private let nodeCount: Int
    private let capacity: Int
    /// Six `Int32` runs of `capacity`: sources, targets, order by target, order by
    /// (source, target), merged sources, merged targets.
    private let indices: UnsafeMutablePointer<Int32>
    /// Input weights, then merged weights (`capacity` each).
    private let weights: UnsafeMutablePointer<Double>
    /// Counting-sort buckets (`nodeCount + 1`), then the CSR row cursor (`nodeCount`).
    private let counters: UnsafeMutablePointer<Int>
    /// Arcs after merging (set by `sortedMergedArcs`).
    private var arcCount = 0

    /// - Parameter arcCapacity: the number of non-loop edges (≤ `Int32.max`).
    init(nodeCount: Int, arcCapacity: Int) {
        self.nodeCount = nodeCount
        capacity = arcCapacity
        indices = .allocate(capacity: 6 * arcCapacity)
        weights = .allocate(capacity: 2 * arcCapacity)
        counters = .allocate(capacity: 2 * nodeCount + 1)
    }

    deinit {
        indices.deallocate()
        weights.deallocate()
        counters.deallocate()
    }

    private var sources: UnsafeMutablePointer<Int32> { indices }
    private var targets: UnsafeMutablePointer<Int32> { indices + capacity }
    private var byTarget: UnsafeMutablePointer<Int32> { indices + 2 * capacity }
    private var byPair: UnsafeMutablePointer<Int32> { indices + 3 * capacity }
    private var arcSources: UnsafeMutablePointer<Int32> { indices + 4 * capacity }
    private var arcTargets: UnsafeMutablePointer<Int32> { indices + 5 * capacity }
    private var arcWeights: UnsafeMutablePointer<Double> { weights + capacity }

    /// Drops loops, orients undirected pairs as (min, max), sorts by (source,
    /// target) keeping input order among equal pairs, and merges equal pairs by
    /// summing their weights in input order. Returns the number of merged arcs.
    mutating func sortedMergedArcs(_ edges: [WeightedEdge], directed: Bool) -> Int {
        var m = 0
        for edge in edges where edge.source != edge.target {
            var u = edge.source
            var v = edge.target
            if !directed && u > v { swap(&u, &v) }
            sources[m] = Int32(truncatingIfNeeded: u)
            targets[m] = Int32(truncatingIfNeeded: v)
            weights[m] = edge.weight
            m += 1
        }
        precondition(m == capacity, "GraphBuildScratch: arc count differs from the validated count")
        countingSort(keys: targets, order: nil, into: byTarget)
        countingSort(keys: sources, order: byTarget, into: byPair)
        var k = 0
        for j in 0..<m {
            let i = Int(byPair[j])
            if k > 0 && arcSources[k - 1] == sources[i] && arcTargets[k - 1] == targets[i] {
                arcWeights[k - 1] += weights[i]
            } else {
                arcSources[k] = sources[i]
                arcTargets[k] = targets[i]
                arcWeights[k] = weights[i]
                k += 1
            }
        }
        arcCount = k
        return k
    }

    /// Stable counting sort of arc positions (`order`, or `0..<capacity` when nil)
    /// by `keys[position]`.
    private func countingSort(
        keys: UnsafeMutablePointer<Int32>, order: UnsafeMutablePointer<Int32>?,
        into sorted: UnsafeMutablePointer<Int32>
    ) {
        let start = counters
        start.initialize(repeating: 0, count: nodeCount + 1)
        for j in 0..<capacity {
            let position = order.map { Int($0[j]) } ?? j
            start[Int(keys[position]) + 1] += 1
        }
        for key in 0..<nodeCount { start[key + 1] += start[key] }
        for j in 0..<capacity {
            let position = order.map { $0[j] } ?? Int32(truncatingIfNeeded: j)
            let key = Int(keys[Int(position)])
            sorted[start[key]] = position
            start[key] += 1
        }
    }

    /// CSR rows of the merged arcs (rows = sources, or targets when `transposed`);
    /// `symmetric` also stores every arc reversed (undirected storage). Filling in
    /// (row, column) order keeps every row sorted by column.
    func compressedRows(
        transposed: Bool, symmetric: Bool
    )
        -> (offsets: [Int], neighbors: [Int32], weights: [Double])
    {
        let n = nodeCount
        let k = arcCount
        let rows = transposed ? arcTargets : arcSources
        let columns = transposed ? arcSources : arcTargets
        let arcWeights = arcWeights
        let offsets = [Int](unsafeUninitializedCapacity: n + 1) { buffer, count in
            buffer.initialize(repeating: 0)
            for i in 0..<k {
                buffer[Int(rows[i]) + 1] += 1
                if symmetric { buffer[Int(columns[i]) + 1] += 1 }
            }
            for u in 0..<n { buffer[u + 1] += buffer[u] }
            count = n + 1
        }
        let next = counters + (n + 1)
        for u in 0..<n { next[u] = offsets[u] }
        let total = offsets[n]
        var rowWeights: [Double] = []
        let neighbors = [Int32](unsafeUninitializedCapacity: total) { neighborBuffer, neighborCount in
            rowWeights = [Double](unsafeUninitializedCapacity: total) { weightBuffer, weightCount in
                for i in 0..<k {
                    let r = Int(rows[i])
                    let c = Int(columns[i])
                    neighborBuffer[next[r]] = columns[i]
                    weightBuffer[next[r]] = arcWeights[i]
                    next[r] += 1
                    if symmetric {
                        neighborBuffer[next[c]] = rows[i]
                        weightBuffer[next[c]] = arcWeights[i]
                        next[c] += 1
                    }
                }
                weightCount = total
            }
            neighborCount = total
        }
        return (offsets, neighbors, rowWeights)
    }
}
