import Foundation
import ZeroMQ

/// The coordinator's Prometheus scrape endpoint: `GET /metrics` over plain HTTP/1.x,
/// served from the coordinator's own loop through a ZeroMQ STREAM socket (raw TCP), so
/// a scrape reads the state without locks and without another thread. One request per
/// connection; the reply closes it. Anything else gets 404, 405 or 400; a scrape whose
/// metrics cannot be read gets 500 (`serve`).
final class MetricsEndpoint {
    let socket: ZMQSocket
    /// The endpoint bound (port resolved).
    let endpoint: String
    /// Request bytes received so far, by connection id (a request is at most 8 KiB).
    private var partial: [[UInt8]: [UInt8]] = [:]
    static let maxRequestBytes = 8192

    init(context: ZMQContext, bind: String) throws {
        socket = try context.socket(.stream)
        try socket.bind(bind)
        endpoint = (try? socket.lastEndpoint) ?? bind
    }

    /// Reads what arrived; answers complete requests with `body()` (called once per scrape).
    ///
    /// When `body` throws, the scrape is answered `500 Internal Server Error` with one
    /// comment line, `# transborder: metrics unavailable: <reason>`, not an empty 200:
    /// Prometheus records any answer outside 2xx as a failed scrape (`up` 0, so the usual
    /// alert on `up` fires), whereas an empty 200 is a successful scrape of no series —
    /// every metric silently vanishes. This endpoint writes raw HTTP on a STREAM socket, so
    /// it can choose the status; the comment is what a person using curl reads, and is
    /// still valid text format (no samples) for a client that ignores the status.
    func serve(_ body: () throws -> String) throws {
        while let message = try socket.receive(dontWait: true, maxFrames: 2, maxBytes: Self.maxRequestBytes * 2) {
            guard message.frames.count == 2 else { continue }
            let id = message.frames[0]
            let data = message.frames[1]
            if data.isEmpty {  // connected or disconnected
                partial.removeValue(forKey: id)
                continue
            }
            var request = partial.removeValue(forKey: id) ?? []
            request += data
            guard let end = Self.headerEnd(request) else {
                if request.count > Self.maxRequestBytes {
                    respond(id, status: "400 Bad Request", body: "request too large\n")
                } else {
                    partial[id] = request
                }
                continue
            }
            let line = String(decoding: request[..<end].prefix { $0 != 0x0d && $0 != 0x0a }, as: UTF8.self)
            let parts = line.split(separator: " ")
            if parts.count < 2 || !parts[parts.count - 1].hasPrefix("HTTP/") {
                respond(id, status: "400 Bad Request", body: "not an HTTP request\n")
            } else if parts[0] != "GET" {
                respond(id, status: "405 Method Not Allowed", body: "only GET\n")
            } else if parts[1] != "/metrics" && !parts[1].hasPrefix("/metrics?") {
                respond(id, status: "404 Not Found", body: "metrics are at /metrics\n")
            } else {
                let type = "text/plain; version=0.0.4; charset=utf-8"
                do {
                    respond(id, status: "200 OK", body: try body(), type: type)
                } catch {
                    let reason = "\(error)".replacingOccurrences(of: "\n", with: " ")
                    respond(id, status: "500 Internal Server Error", body: "# transborder: metrics unavailable: \(reason)\n", type: type)
                }
            }
        }
    }

    private static func headerEnd(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        for i in 0...(bytes.count - 4) where bytes[i] == 0x0d && bytes[i + 1] == 0x0a && bytes[i + 2] == 0x0d && bytes[i + 3] == 0x0a {
            return i
        }
        return nil
    }

    private func respond(_ id: [UInt8], status: String, body: String, type: String = "text/plain; charset=utf-8") {
        let payload = Array(body.utf8)
        let head = "HTTP/1.1 \(status)\r\nContent-Type: \(type)\r\nContent-Length: \(payload.count)\r\nConnection: close\r\n\r\n"
        _ = try? socket.send([id, Array(head.utf8) + payload])
        _ = try? socket.send([id, []])  // closes the connection
    }

    func close() { socket.close() }
}
