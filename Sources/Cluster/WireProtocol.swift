/// Protocol names, versions and limits (docs/PROTOCOL.md).
///
/// Every message starts with a 4-byte ASCII header frame naming the protocol and its
/// version (`TBW1` workers, `TBC1` clients), then a 1-byte command frame, then the body
/// frames of that command. Integers are unsigned big-endian.
public enum WireProtocol {
    /// Header of the worker protocol, version 1.
    public static let workerHeader: [UInt8] = Array("TBW1".utf8)
    /// Header of the client protocol, version 1.
    public static let clientHeader: [UInt8] = Array("TBC1".utf8)
    /// Largest number of tasks in one TASK message (and results in one RESULT).
    public static let maxBatch = 1024
    /// Largest error text in FAILED/ERROR/DISCONNECT, in bytes.
    public static let maxTextBytes = 65_536
    /// Largest worker name, in bytes.
    public static let maxNameBytes = 255
    /// Default per-message limit (ZMQ_MAXMSGSIZE on every network socket and total bytes of a multipart message).
    public static let defaultMaxMessageBytes = 64 * 1024 * 1024
    /// Largest CHUNK a client may request, in bytes.
    public static let maxChunkBytes = 4 * 1024 * 1024
    /// Most frames in any valid message (RESULT with a full batch, plus routing id).
    public static let maxFrames = maxBatch + 5
}
