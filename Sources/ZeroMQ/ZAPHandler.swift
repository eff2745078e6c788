import CZeroMQ
import ConcurrencyTools
import Foundation

/// A ZeroMQ authentication handler (ZAP, RFC 27) on its own thread.
///
/// libzmq asks the handler bound at `inproc://zeromq.zap.01` *in the same context* about
/// every peer that completes a CURVE handshake; the handler answers "200" (admit) or
/// "400" (refuse). Without a handler libzmq 4.3 admits every CURVE peer, so the handler
/// is started before the server socket binds and stopped only after it is closed.
///
/// The handler owns two sockets, made and closed on its thread: a REP bound to the ZAP
/// endpoint, and optionally a PAIR reading a server socket's monitor (see
/// `ZMQSocket.monitorConnections(at:)`), so that peers libzmq refuses before ZAP (e.g.
/// plaintext clients: mechanism mismatch) are reported too. Every decision and
/// connection event goes to `report`, called on the handler's thread.
package final class ZAPHandler: Sendable {
    /// The endpoint libzmq sends ZAP requests to (fixed by RFC 27).
    package static let endpoint = "inproc://zeromq.zap.01"

    /// What the handler saw.
    package enum Event: Sendable {
        case decided(ZAPRequest, ZAPDecision)
        /// A request that does not follow RFC 27 (answered "400").
        case malformedRequest(frames: Int)
        case connection(ConnectionEvent)
    }

    private let thread: OwnedThread

    /// Starts the handler and returns once its REP socket is bound.
    /// - Parameters:
    ///   - context: the context of the sockets it guards (ZAP is per context).
    ///   - monitorEndpoint: an inproc endpoint a server socket publishes its monitor on.
    ///   - decide: admits or refuses one request.
    ///   - report: receives every decision and connection event.
    /// - Throws: `ZMQError` when the ZAP endpoint is taken (another handler in this context).
    package init(
        context: ZMQContext, monitorEndpoint: String? = nil,
        decide: @escaping @Sendable (ZAPRequest) -> ZAPDecision,
        report: @escaping @Sendable (Event) -> Void
    ) throws {
        let start = GuardedCondition(Start.binding)
        thread = OwnedThread(name: "zap-handler") { thread in
            try Self.serve(
                context: context, monitorEndpoint: monitorEndpoint, thread: thread, start: start,
                decide: decide, report: report)
        }
        let outcome = start.withLock { access in
            access.wait { $0 != .binding }
            return access.state
        }
        // The thread failed to bind and is returning that error: join rethrows it.
        if outcome == .failed { try thread.join() }
    }

    /// How the thread's start went (the owner waits in `init` until it is not `binding`).
    private enum Start: Sendable {
        case binding, serving, failed
    }

    deinit { stop() }

    /// Stops the thread and closes its sockets (idempotent). Close the guarded socket first.
    package func stop() {
        thread.requestStop()
        try? thread.join()
    }

    /// The thread's body: binds, announces `started`, answers until asked to stop.
    /// Throws (a `ZMQError`) only while starting, so that `init` can rethrow it.
    private static func serve(
        context: ZMQContext, monitorEndpoint: String?, thread: OwnedThread.Context,
        start: GuardedCondition<Start>, decide: @Sendable (ZAPRequest) -> ZAPDecision,
        report: @Sendable (Event) -> Void
    ) throws {
        let announce = { (outcome: Start) in
            start.withLock { access in
                access.state = outcome
                access.broadcast()
            }
        }
        let rep: ZMQSocket
        var monitor: ZMQSocket?
        do {
            rep = try context.socket(.rep)
            try rep.bind(endpoint)
            if let monitorEndpoint {
                let pair = try context.socket(.pair)
                try pair.connect(monitorEndpoint)
                monitor = pair
            }
        } catch {
            announce(.failed)
            throw error as? ZMQError ?? ZMQError(operation: "zap handler", code: EINVAL)
        }
        announce(.serving)
        defer {
            monitor?.close()
            rep.close()
        }
        var poller = ZMQPoller()
        poller.addReadable(rep)
        if let monitor { poller.addReadable(monitor) }
        var tracker = PeerTracker()
        while !thread.stopRequested {
            guard (try? poller.poll(timeoutMilliseconds: 100)) ?? 0 > 0 else { continue }
            if poller.isReadable(0) { answer(rep, decide: decide, report: report) }
            if let monitor, poller.isReadable(1) {
                while let message = try? monitor.receive(dontWait: true, maxFrames: 4, maxBytes: 4096) {
                    guard var event = ConnectionEvent(frames: message.frames) else { continue }
                    tracker.attribute(&event)
                    report(.connection(event))
                }
            }
        }
    }

    /// Reads one request and always sends one reply (a REP socket must alternate).
    private static func answer(_ rep: ZMQSocket, decide: @Sendable (ZAPRequest) -> ZAPDecision, report: @Sendable (Event) -> Void) {
        guard let message = try? rep.receive(dontWait: true, maxFrames: 16, maxBytes: 65_536) else { return }
        let decision: ZAPDecision
        let requestID = message.frames.count > 1 ? message.frames[1] : []
        if message.withinLimits, let request = ZAPRequest(frames: message.frames), request.version == "1.0" {
            decision = decide(request)
            report(.decided(request, decision))
        } else {
            decision = .refuse("malformed ZAP request")
            report(.malformedRequest(frames: message.frameCount))
        }
        _ = try? rep.send(decision.replyFrames(requestID: requestID), dontWait: false)
    }
}
