import Dispatch
import Foundation
import Synchronization

/// A flag loops check to stop gracefully, set by SIGTERM/SIGINT or by code.
package final class StopSignal: Sendable {
    private struct State {
        var requested = false
        var sources: [any DispatchSourceSignal] = []
        var actions: [@Sendable () -> Void] = []
    }

    private let state = Mutex(State())

    package init() {}

    package func request() {
        let pending: [@Sendable () -> Void] = state.withLock { state in
            let first = !state.requested
            state.requested = true
            return first ? state.actions : []
        }
        for action in pending { action() }
    }

    /// Runs `action` once when the stop is requested (at once if it already was):
    /// how a loop blocked in `zmq_poll` learns of it without waiting for its timeout.
    func onRequest(_ action: @escaping @Sendable () -> Void) {
        let already: Bool = state.withLock { state in
            if !state.requested { state.actions.append(action) }
            return state.requested
        }
        if already { action() }
    }

    package var isRequested: Bool {
        state.withLock { $0.requested }
    }

    /// A signal that is set when this process receives SIGTERM or SIGINT
    /// (their default actions are disabled so the loops can drain and exit 0).
    package static func onTermination() -> StopSignal {
        let stop = StopSignal()
        for number in [SIGTERM, SIGINT] {
            signal(number, SIG_IGN)
            // Made inside the lock so the source belongs to the guarded state from the start.
            stop.state.withLock { state in
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler { stop.request() }
                source.resume()
                state.sources.append(source)
            }
        }
        return stop
    }
}
