import Dispatch
import Foundation

/// A flag loops check to stop gracefully, set by SIGTERM/SIGINT or by code.
public final class StopSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var requested = false
    private var sources: [DispatchSourceSignal] = []
    private var actions: [@Sendable () -> Void] = []

    public init() {}

    public func request() {
        lock.lock()
        let first = !requested
        requested = true
        let pending = first ? actions : []
        lock.unlock()
        for action in pending { action() }
    }

    /// Runs `action` once when the stop is requested (at once if it already was):
    /// how a loop blocked in `zmq_poll` learns of it without waiting for its timeout.
    func onRequest(_ action: @escaping @Sendable () -> Void) {
        lock.lock()
        let already = requested
        if !already { actions.append(action) }
        lock.unlock()
        if already { action() }
    }

    public var isRequested: Bool {
        lock.lock(); defer { lock.unlock() }
        return requested
    }

    /// A signal that is set when this process receives SIGTERM or SIGINT
    /// (their default actions are disabled so the loops can drain and exit 0).
    public static func onTermination() -> StopSignal {
        let stop = StopSignal()
        for number in [SIGTERM, SIGINT] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { stop.request() }
            source.resume()
            stop.sources.append(source)
        }
        return stop
    }
}
