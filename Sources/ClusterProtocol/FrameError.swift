/// Why an incoming message was rejected. Bad frames are logged and dropped, never fatal.
package enum FrameError: Error, CustomStringConvertible, Sendable, Equatable {
    /// A field is missing, too short, too long or not what the command requires.
    case malformed(String)
    /// The header names our protocol family with another version (e.g. `TBW2`).
    case unsupportedVersion(String)
    /// The header is not one of our protocols.
    case unknownProtocol
    /// The command byte is not defined for this protocol.
    case unknownCommand(UInt8)
    /// More frames or bytes than allowed.
    case oversized(frames: Int, bytes: Int)

    package var description: String {
        switch self {
        case .malformed(let reason): "malformed message: \(reason)"
        case .unsupportedVersion(let header): "unsupported protocol version '\(header)'"
        case .unknownProtocol: "not a transborder protocol message"
        case .unknownCommand(let code): "unknown command 0x\(String(code, radix: 16))"
        case .oversized(let frames, let bytes): "message over the size limit (\(frames) frames, \(bytes) bytes)"
        }
    }
}
