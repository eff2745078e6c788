/// Whether a ZeroMQ endpoint can be reached from other machines, which decides whether
/// a coordinator may bind it without CURVE.
package enum EndpointScope: Sendable, Equatable {
    /// Only this machine: `ipc://`, `inproc://`, or tcp on 127.0.0.0/8, `::1`, `localhost`.
    case local
    /// Anything else, including wildcards (`*`, `0.0.0.0`, `::`), host names and interface names.
    case network

    /// Classifies an endpoint as written for `bind` (e.g. `tcp://127.0.0.1:*`, `tcp://eth0:5555`).
    package init(endpoint: String) {
        if endpoint.hasPrefix("ipc://") || endpoint.hasPrefix("inproc://") {
            self = .local
            return
        }
        guard endpoint.hasPrefix("tcp://") else {
            self = .network
            return
        }
        var address = endpoint.dropFirst("tcp://".count)
        // A source address ("tcp://src;dst") is not used for bind; take the part after ';'.
        if let semicolon = address.lastIndex(of: ";") { address = address[address.index(after: semicolon)...] }
        guard let colon = address.lastIndex(of: ":") else {
            self = .network
            return
        }
        var host = String(address[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        self = Self.isLoopback(host) ? .local : .network
    }

    static func isLoopback(_ host: String) -> Bool {
        if host == "localhost" || host == "::1" || host == "0:0:0:0:0:0:0:1" { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts.allSatisfy({ $0.count <= 3 && (UInt8($0) != nil) }) else {
            return false
        }
        return parts[0] == "127"
    }
}
