import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// A tiny TCP proxy on 127.0.0.1 that forwards every connection to `upstreamPort` and
/// records every byte it forwards, both directions: a packet capture without tcpdump,
/// for checking what an eavesdropper on the wire would see.
final class TCPRecorder: @unchecked Sendable {
    let port: UInt16
    private let listener: Int32
    private let upstreamPort: UInt16
    private let lock = NSLock()
    private var recorded: [UInt8] = []
    private var connections: [Int32] = []
    private var stopped = false

    init(upstreamPort: UInt16) throws {
        self.upstreamPort = upstreamPort
        #if canImport(Glibc)
            let stream = Int32(SOCK_STREAM.rawValue)
        #else
            let stream = SOCK_STREAM
        #endif
        let fd = socket(AF_INET, stream, 0)
        listener = fd
        guard fd >= 0 else { throw RecorderError.system("socket", errno) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = Self.loopback(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { sa -> Bool in
                bind(fd, sa, length) == 0 && listen(fd, 16) == 0 && getsockname(fd, sa, &length) == 0
            }
        }
        guard bound else { throw RecorderError.system("bind/listen", errno) }
        port = UInt16(bigEndian: address.sin_port)
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    /// Every byte forwarded so far, in arrival order (directions interleaved).
    var bytes: [UInt8] { lock.withLock { recorded } }

    func contains(_ text: String) -> Bool {
        let needle = Array(text.utf8)
        let haystack = bytes
        guard !needle.isEmpty, haystack.count >= needle.count else { return false }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if Array(haystack[start..<start + needle.count]) == needle { return true }
        }
        return false
    }

    func stop() {
        let open: [Int32] = lock.withLock {
            stopped = true
            return connections
        }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
        for fd in open { shutdown(fd, Int32(SHUT_RDWR)) }
    }

    private func acceptLoop() {
        while true {
            let client = accept(listener, nil, nil)
            if client < 0 {
                if errno == EINTR { continue }
                return
            }
            guard let upstream = connectUpstream() else {
                close(client)
                continue
            }
            let accepted: Bool = lock.withLock {
                guard !stopped else { return false }
                connections += [client, upstream]
                return true
            }
            guard accepted else {
                close(client)
                close(upstream)
                return
            }
            let done = DispatchGroup()
            for (from, to) in [(client, upstream), (upstream, client)] {
                done.enter()
                Thread { [self] in
                    pump(from: from, to: to)
                    done.leave()
                }.start()
            }
            DispatchQueue.global().async {
                done.wait()
                close(client)
                close(upstream)
            }
        }
    }

    private func connectUpstream() -> Int32? {
        #if canImport(Glibc)
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        var address = Self.loopback(port: upstreamPort)
        let ok = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
        if !ok {
            close(fd)
            return nil
        }
        return fd
    }

    private func pump(from: Int32, to: Int32) {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = read(from, &buffer, buffer.count)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            lock.withLock { recorded += buffer.prefix(n) }
            var sent = 0
            while sent < n {
                let m = buffer.withUnsafeBytes { write(to, $0.baseAddress! + sent, n - sent) }
                if m < 0 && errno == EINTR { continue }
                if m <= 0 {
                    shutdown(from, Int32(SHUT_RDWR))
                    return
                }
                sent += m
            }
        }
        shutdown(to, Int32(SHUT_WR))
    }

    private static func loopback(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        return address
    }

    enum RecorderError: Error {
        case system(String, Int32)
    }
}
