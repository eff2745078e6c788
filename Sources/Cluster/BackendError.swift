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
        case .invalidSpec(let kind, let reason): "invalid \(kind) job spec: \(reason)"
        case .unknownKind(let kind): "no backend for job kind '\(kind)'"
        case .taskOutOfRange(let index, let count): "task \(index) is outside 0..<\(count)"
        case .taskFailed(let index, let message): "task \(index) failed: \(message)"
        }
    }
}
