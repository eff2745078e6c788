import Synchronization

/// Keeps refusals from flooding the coordinator's log: a peer that keeps retrying (a
/// worker with a wrong key reconnects every few seconds, forever) is logged at warning
/// level once per `interval` for the same reason, and at debug level in between.
///
/// The admission log's throttle is called from the ZAP handler's `@Sendable` callback,
/// hence the mutex (refusals are rare: it costs nothing measurable).
final class RefusalThrottle: Sendable {
    let interval: Double
    private let lastWarning = Mutex<[String: Double]>([:])

    init(interval: Double = 60) {
        self.interval = interval
    }

    /// Whether a refusal identified by `key` (reason and peer) deserves a warning now.
    func shouldWarn(_ key: String, now: Double = MonotonicClock.now()) -> Bool {
        lastWarning.withLock { lastWarning in
            if let last = lastWarning[key], now - last < interval { return false }
            if lastWarning.count >= 4096 { lastWarning.removeAll(keepingCapacity: true) }
            lastWarning[key] = now
            return true
        }
    }
}
