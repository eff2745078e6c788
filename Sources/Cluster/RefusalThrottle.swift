/// Keeps refusals from flooding the coordinator's log: a peer that keeps retrying (a
/// worker with a wrong key reconnects every few seconds, forever) is logged at warning
/// level once per `interval` for the same reason, and at debug level in between.
///
/// Used only on the ZAP handler's thread, hence no lock.
final class RefusalThrottle: @unchecked Sendable {
    let interval: Double
    private var lastWarning: [String: Double] = [:]

    init(interval: Double = 60) {
        self.interval = interval
    }

    /// Whether a refusal identified by `key` (reason and peer) deserves a warning now.
    func shouldWarn(_ key: String, now: Double = MonotonicClock.now()) -> Bool {
        if let last = lastWarning[key], now - last < interval { return false }
        if lastWarning.count >= 4096 { lastWarning.removeAll(keepingCapacity: true) }
        lastWarning[key] = now
        return true
    }
}
