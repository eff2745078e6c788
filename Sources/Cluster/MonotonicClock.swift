import Foundation

/// Seconds on the monotonic clock (for deadlines and heartbeats; never written to outputs).
package enum MonotonicClock {
    package static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }

    /// Wall-clock seconds since 1970 (recorded in the store and manifest.json only).
    package static func wall() -> Double { Date().timeIntervalSince1970 }
}
