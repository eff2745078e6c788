import CZeroMQ
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
public final class ZAPHandler: Sendable {
    /// The endpoint libzmq sends ZAP requests to (fixed by RFC 27).
    public static let endpoint = "inproc://zeromq.zap.01"

    /// What the handler saw.
    public enum Event: Sendable {
        case decided(ZAPRequest, ZAPDecision)
        /// A request that does not follow RFC 27 (answered "400").
        case malformedRequest(frames: Int)
        case connection(ConnectionEvent)
    }

    private let state = HandlerState()

    /// Starts the handler and returns once its REP socket is bound.
    /// - Parameters:
    ///   - context: the context of the sockets it guards (ZAP is per context).
    ///   - monitorEndpoint: an inproc endpoint a server socket publishes its monitor on.
    ///   - decide: admits or refuses one request.
    ///   - report: receives every decision and connection event.
    /// - Throws: `ZMQError` when the ZAP endpoint is taken (another handler in this context).
    public init(context: ZMQContext, monitorEndpoint: String? = nil,
                decide: @escaping @Sendable (ZAPRequest) -> ZAPDecision,
                report: @escaping @Sendable (Event) -> Void) throws {
        let state = self.state
        let started = DispatchSemaphore(value: 0)
        let startError = ErrorBox()
        let thread = Thread {
            Self.serve(context: context, monitorEndpoint: monitorEndpoint, state: state, started: started,
                       startError: startError, decide: decide, report: report)
        }
        thread.name = "zap-handler"
        thread.start()
        started.wait()
        if let error = startError.value {
            state.waitUntilFinished()
            throw error
        }
    }

    deinit { stop() }

    /// Stops the thread and closes its sockets (idempotent). Close the guarded socket first.
    public func stop() {
        state.requestStop()
        state.waitUntilFinished()
    }

    private static func serve(context: ZMQContext, monitorEndpoint: String?, state: HandlerState, started: DispatchSemaphore,
                              startError: ErrorBox, decide: @Sendable (ZAPRequest) -> ZAPDecision,
                              report: @Sendable (Event) -> Void) {
        defer { state.finish() }
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
            startError.value = error as? ZMQError ?? ZMQError(operation: "zap handler", code: EINVAL)
            started.signal()
            return
        }
        started.signal()
        defer {
            monitor?.close()
            rep.close()
        }
        var poller = ZMQPoller()
        poller.addReadable(rep)
        if let monitor { poller.addReadable(monitor) }
        var tracker = PeerTracker()
        while !state.isStopRequested {
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

/// The stop flag and the "thread finished" signal shared with the handler's thread.
private final class HandlerState: @unchecked Sendable {
    private let lock = NSLock()
    private var stopRequested = false
    private var finished = false
    private let done = DispatchSemaphore(value: 0)

    var isStopRequested: Bool { lock.lock(); defer { lock.unlock() }; return stopRequested }

    func requestStop() { lock.lock(); stopRequested = true; lock.unlock() }

    func finish() {
        lock.lock(); finished = true; lock.unlock()
        done.signal()
    }

    /// Blocks until the thread has closed its sockets (returns at once afterwards).
    func waitUntilFinished() {
        lock.lock(); let already = finished; lock.unlock()
        guard !already else { return }
        done.wait()
        done.signal()  // later callers return at once too
    }
}

/// Hands a start-up error from the handler's thread to the caller (written before the
/// semaphore is signalled, read after it is waited on).
private final class ErrorBox: @unchecked Sendable {
    var value: ZMQError?
}
