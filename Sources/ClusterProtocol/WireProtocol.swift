/// Protocol names, versions and limits (docs/PROTOCOL.md).
///
/// Every message starts with a 4-byte ASCII header frame naming the protocol and its
/// version (`TBW3` workers, `TBC3` clients), then a 1-byte command frame, then the body
/// frames of that command. Integers are unsigned little-endian (`ByteCodec`).
///
/// Version 3 (both protocols): little-endian integers, the byte order of the task
/// outcomes, and the `TBJ2` job bundle; layouts otherwise as in version 2.
/// Version 2 (both protocols): REVOKE (coordinator → worker), lease-bound RESULT/FAILED,
/// ACCEPTED's disposition frame, SUBMIT's name frame, FORGET and PRUNE, ISO 8601 times
/// in status JSON. A peer speaking another version is refused in its own header.
package enum WireProtocol {
    /// Header of the worker protocol, version 3.
    package static let workerHeader: [UInt8] = Array("TBW3".utf8)
    /// Header of the client protocol, version 3.
    package static let clientHeader: [UInt8] = Array("TBC3".utf8)
    /// The protocol version both headers carry (their last byte, as a digit).
    package static let version = 3
    /// Largest number of tasks in one TASK message (and results in one RESULT).
    package static let maxBatch = 1024
    /// Largest error text in FAILED/ERROR/DISCONNECT, in bytes.
    package static let maxTextBytes = 65_536
    /// Largest worker name, in bytes.
    package static let maxNameBytes = 255
    /// Default per-message limit (total bytes of a multipart message; ZMQ_MAXMSGSIZE of
    /// workers and clients).
    package static let defaultMaxMessageBytes = 64 * 1024 * 1024
    /// The coordinator's ZMQ_MAXMSGSIZE is this many times its message limit, so that a
    /// request over the limit (but under this ceiling) is still received and answered with
    /// ERROR 9; a frame above the ceiling makes libzmq drop the connection unanswered.
    package static let receiveCeilingFactor = 4
    /// Largest job name in SUBMIT, in bytes.
    package static let maxJobNameBytes = 255
    /// Highest fair-share priority in SUBMIT (a weight: 1 is the default).
    package static let maxPriority = 255
    /// Largest CHUNK a client may request, in bytes.
    package static let maxChunkBytes = 4 * 1024 * 1024
    /// Most frames in any valid message (RESULT with a full batch, plus routing id).
    package static let maxFrames = maxBatch + 5

    /// `refusal` (DISCONNECT 2 or ERROR 8, as `frames` gives it) readable by a peer whose
    /// header is `header`: in that header, and for versions 1 and 2, which read integers
    /// big-endian, with the 2-byte code in that order (its layout is otherwise the same in
    /// every version).
    package static func refusal(_ refusal: [[UInt8]], inHeader header: [UInt8]) -> [[UInt8]] {
        var frames = refusal
        frames[0] = header
        if header.count == 4, header[3] == UInt8(ascii: "1") || header[3] == UInt8(ascii: "2"), frames.count > 2 {
            frames[2].reverse()
        }
        return frames
    }
}
