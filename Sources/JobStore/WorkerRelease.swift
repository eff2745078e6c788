/// Why the coordinator forgot a worker: logged, and stored as the worker's state.
package enum WorkerRelease: Sendable, Equatable, CustomStringConvertible {
    /// It said DISCONNECT (leaving).
    case left
    /// The same connection sent READY again.
    case registeredAgain
    /// Another connection registered with its name.
    case replaced
    /// Nothing heard for longer than the heartbeat timeout.
    case silent(seconds: Int)
    /// A heartbeat could not be sent (the connection is gone).
    case disconnected(String)
    /// Tasks could not be sent to it.
    case unreachable(String)
    /// Its CURVE key (named) was removed from the authorized keys.
    case keyRevoked(String)

    package var description: String {
        switch self {
        case .left: "left"
        case .registeredAgain: "registered again"
        case .replaced: "replaced by a new connection"
        case .silent(let seconds): "no message for \(seconds) s"
        case .disconnected(let error): "disconnected (\(error))"
        case .unreachable(let error): "unreachable (\(error))"
        case .keyRevoked(let name): "CURVE key '\(name)' no longer authorized"
        }
    }

    /// Whether the worker went away in order (logged at info), not lost (warning).
    package var isOrderly: Bool { self == .left || self == .registeredAgain }
}

/// A worker's state in the store's `workers` table (its `state` text column).
package enum StoredWorkerState: Sendable, Equatable {
    /// Registered (READY).
    case ready
    /// The coordinator stopped while it was registered.
    case coordinatorStopped
    /// Forgotten, and why.
    case released(WorkerRelease)

    /// The text stored (and shown by operators' SQL): `ready`, `released`, or the reason.
    package var storedText: String {
        switch self {
        case .ready: "ready"
        case .coordinatorStopped: "released"
        case .released(let reason): reason.description
        }
    }
}
