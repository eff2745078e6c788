/// The `u16` reason code of a client-protocol ERROR (docs/PROTOCOL.md).
package enum ClientErrorCode: UInt16, Sendable, CustomStringConvertible {
    case malformedRequest = 1
    case unknownJob = 2
    case notFinished = 3
    case jobFailed = 4
    case unknownKind = 5
    case invalidJob = 6
    case shuttingDown = 7
    case unsupportedVersion = 8
    case tooLarge = 9
    case fileNotFound = 10
    case jobCancelled = 11
    case internalError = 12
    /// FORGET of a job that is still queued or running.
    case jobActive = 13
    /// A request over a connection whose CURVE key is no longer authorized (its `.pub`
    /// was removed from the coordinator's folder after the connection was admitted).
    case keyNotAuthorized = 14
    case other = 0xffff

    package var description: String {
        switch self {
        case .malformedRequest: "malformed request"
        case .unknownJob: "unknown job"
        case .notFinished: "job not finished"
        case .jobFailed: "job failed"
        case .unknownKind: "unknown job kind"
        case .invalidJob: "invalid job"
        case .shuttingDown: "coordinator shutting down"
        case .unsupportedVersion: "unsupported protocol version"
        case .tooLarge: "request too large"
        case .fileNotFound: "file not found"
        case .jobCancelled: "job cancelled"
        case .internalError: "coordinator error"
        case .jobActive: "job still active"
        case .keyNotAuthorized: "key not authorized"
        case .other: "error"
        }
    }
}
