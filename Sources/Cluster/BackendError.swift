/// Errors of the built-in backends and of backend lookup.
package enum BackendError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The spec cannot be used by this backend.
    case invalidSpec(kind: String, reason: String)
    /// No backend is registered under this kind.
    case unknownKind(String)
    /// A task index outside `0..<count`.
    case taskOutOfRange(index: Int, count: Int)
    /// The task's own failure (the `failing` backend).
    case taskFailed(index: Int, message: String)

    package var description: String {
        switch self {
        case let .invalidSpec(kind, reason): "invalid \(kind) job spec: \(reason)"
        case let .unknownKind(kind): "no backend for job kind '\(kind)'"
        case let .taskOutOfRange(index, count): "task \(index) is outside 0..<\(count)"
        case let .taskFailed(index, message): "task \(index) failed: \(message)"
        }
    }
}
