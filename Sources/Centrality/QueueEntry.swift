/// A Dijkstra queue entry: tentative distance, then node index as a fixed tie order
/// (so the settle order — and every floating-point sum that follows it — is reproducible).
struct QueueEntry: Comparable {
    var distance: Double
    var node: Int32

    @inline(__always)
    static func < (a: QueueEntry, b: QueueEntry) -> Bool {
        a.distance < b.distance || (a.distance == b.distance && a.node < b.node)
    }
}
