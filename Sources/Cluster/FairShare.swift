/// Weighted max-min fair share of task slots between jobs: a worker's free credit is
/// handed out one slot at a time, each to the job whose leases in flight (cluster-wide,
/// counting the slots given in this round) divided by its weight (priority) is lowest,
/// ties to the older job. A job with weight 2 thus holds twice the slots of a job with
/// weight 1 while both have tasks waiting; a lone job gets every slot, as under FIFO.
///
/// Slots, not tasks done, are what is shared: a job's share of the cluster is the share
/// of workers' capacity it occupies, whatever its tasks cost. Which tasks a job gets
/// never depends on this (tasks are pure), so outputs stay byte-identical.
enum FairShare {
    /// One job's standing: leases it holds now and its weight (≥ 1).
    struct Claim: Equatable {
        var inFlight: Int
        var weight: Int
    }

    /// Slots out of `free` for each of `claims` (same order), O(free · log jobs).
    static func allocate(free: Int, among claims: [Claim]) -> [Int] {
        var given = [Int](repeating: 0, count: claims.count)
        guard free > 0, !claims.isEmpty else { return given }
        if claims.count == 1 {
            given[0] = free
            return given
        }
        // A binary min-heap of job indices ordered by (inFlight + given) / weight, then index.
        func less(_ a: Int, _ b: Int) -> Bool {
            let left = (claims[a].inFlight + given[a]) * max(1, claims[b].weight)
            let right = (claims[b].inFlight + given[b]) * max(1, claims[a].weight)
            return left != right ? left < right : a < b
        }
        var heap = Array(claims.indices)
        func siftDown(_ start: Int) {
            var i = start
            while true {
                let l = 2 * i + 1
                let r = l + 1
                var smallest = i
                if l < heap.count, less(heap[l], heap[smallest]) { smallest = l }
                if r < heap.count, less(heap[r], heap[smallest]) { smallest = r }
                if smallest == i { return }
                heap.swapAt(i, smallest)
                i = smallest
            }
        }
        for i in stride(from: heap.count / 2 - 1, through: 0, by: -1) { siftDown(i) }
        for _ in 0..<free {
            given[heap[0]] += 1
            siftDown(0)
        }
        return given
    }
}
