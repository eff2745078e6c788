import ClusterProtocol
import ZeroMQ

/// Why a client request failed.
package enum ClientError: Error, CustomStringConvertible, Sendable {
    /// No reply within the timeout (coordinator down or unreachable).
    case timeout(endpoint: String, seconds: Double)
    /// No reply for `seconds` despite retrying: the client's `ClientPatience` ran out.
    case notAnswering(endpoint: String, seconds: Double)
    /// The coordinator turned the connection away during the security handshake (CURVE).
    case rejected(endpoint: String, reason: String)
    /// The coordinator answered with ERROR.
    case refused(code: ClientErrorCode, message: String)
    /// The coordinator's reply made no sense for the request.
    case unexpectedReply(String)
    /// A fetched file did not match its announced size or SHA-256.
    case integrity(String)
    /// A ZeroMQ call failed.
    case transport(ZMQError)

    package var description: String {
        switch self {
        case .timeout(let endpoint, let seconds): "no reply from the coordinator at \(endpoint) within \(Int(seconds)) s"
        case .notAnswering(let endpoint, let seconds):
            "coordinator at \(endpoint) not answering for \(Int(seconds.rounded())) s; giving up (--wait-timeout)"
        case .rejected(let endpoint, let reason): "no reply from the coordinator at \(endpoint): \(reason)"
        case .refused(let code, let message): "coordinator: \(code): \(message)"
        case .unexpectedReply(let what): "unexpected reply from the coordinator: \(what)"
        case .integrity(let what): "fetched file is corrupt: \(what)"
        case .transport(let error): "ZeroMQ: \(error)"
        }
    }
}
