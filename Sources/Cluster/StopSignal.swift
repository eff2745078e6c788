import Dispatch
import Foundation

/// A flag loops check to stop gracefully, set by SIGTERM/SIGINT or by code.
public final class StopSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var requested = false
    private var sources: [DispatchSourceSignal] = []

    public init() {}

    public func request() {
        lock.lock(); requested = true; lock.unlock()
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
