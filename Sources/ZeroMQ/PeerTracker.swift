#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Remembers the remote address of every accepted connection (by file descriptor) so
/// that a handshake outcome can name its peer: `host:port` when only one handshake was
/// pending, `host:*` when several were, all from the same host (a peer retrying while
/// its previous attempt is still being torn down); nil when the hosts differ.
struct PeerTracker {
    private var open: [(fd: UInt32, peer: String?, settled: Bool)] = []
    /// The remote address of a live connection's descriptor (`peerAddress` outside tests).
    private let address: (Int32) -> String?

    init(address: @escaping (Int32) -> String? = PeerTracker.peerAddress) {
        self.address = address
    }

    mutating func attribute(_ event: inout ConnectionEvent) {
        switch event.kind {
        case .accepted:
            // Read at once: the descriptor is only ours to ask about while the connection lives.
            event.peer = address(Int32(bitPattern: event.value))
            open.append((event.value, event.peer, false))
            if open.count > 1024 { open.removeFirst(open.count - 1024) }
        case .disconnected:
            if let i = open.firstIndex(where: { $0.fd == event.value }) {
                event.peer = open[i].peer
                open.remove(at: i)
            }
        case .handshakeSucceeded, .handshakeFailedProtocol, .handshakeFailedAuthentication, .handshakeFailed:
            let pending = open.indices.filter { !open[$0].settled }
            if pending.count == 1 {
                event.peer = open[pending[0]].peer
                open[pending[0]].settled = true
            } else if let first = pending.first.flatMap({ open[$0].peer.map(ConnectionEvent.host(of:)) }),
                pending.allSatisfy({ open[$0].peer.map(ConnectionEvent.host(of:)) == first })
            {
                event.peer = first + ":*"
            }
        }
    }

    /// `address:port` of the socket's peer, or nil when it is already gone.
    static func peerAddress(_ fd: Int32) -> String? {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let rc = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getpeername(fd, $0, &length) }
        }
        guard rc == 0 else { return nil }
        var host = [CChar](repeating: 0, count: Int(NI_MAXHOST))
        var port = [CChar](repeating: 0, count: Int(NI_MAXSERV))
        let ok = withUnsafePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                getnameinfo($0, length, &host, socklen_t(host.count), &port, socklen_t(port.count), NI_NUMERICHOST | NI_NUMERICSERV)
            }
        }
        guard ok == 0 else { return nil }
        let h = String(decoding: host.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let p = String(decoding: port.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return h.contains(":") ? "[\(h)]:\(p)" : "\(h):\(p)"
    }
}
