import Dispatch
import Foundation
import Synchronization

/// A request to re-read the coordinator's `--authorized-keys` folder now, set by SIGHUP
/// (the Unix convention for "reload your configuration"; `systemctl reload` sends it) or
/// by code. The coordinator's loop takes it within one poll (≤ 100 ms).
package final class ReloadSignal: Sendable {
    private let pending = Atomic<Bool>(false)
    private let source = Mutex<(any DispatchSourceSignal)?>(nil)

    package init() {}

    package func request() { pending.store(true, ordering: .releasing) }

    /// Whether a reload was requested since the last call (and clears the request).
    package func take() -> Bool { pending.exchange(false, ordering: .acquiringAndReleasing) }

    /// A signal set when this process receives SIGHUP (whose default action, ending the
    /// process, is disabled).
    package static func onHangup() -> ReloadSignal {
        let reload = ReloadSignal()
        signal(SIGHUP, SIG_IGN)
        reload.source.withLock { source in
            let made = DispatchSource.makeSignalSource(signal: SIGHUP, queue: .global())
            made.setEventHandler { reload.request() }
            made.resume()
            source = made
        }
        return reload
    }
}
