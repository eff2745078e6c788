/// One multipart message read from a socket.
///
/// `withinLimits` is false when the message had more frames or more bytes than the
/// caller allowed: the whole message was drained from the socket (so the stream stays
/// aligned) but only the frames that fit the limits were kept — enough to log who sent it.
package struct ReceivedMessage: Sendable {
    /// The frames kept, in order (for a ROUTER the first is the peer's routing id).
    package var frames: [[UInt8]]
    /// False when the message exceeded the frame-count or byte limit.
    package var withinLimits: Bool
    /// Number of frames the peer actually sent.
    package var frameCount: Int
    /// Total bytes the peer actually sent over all frames.
    package var byteCount: Int
    /// Whether the receiver asked for the user id of this message (`receive(readUserID:)`).
    package var userIDRequested = false
    /// The connection's ZAP user id (libzmq's "User-Id" message property), when the
    /// receiver asked for it and a ZAP handler admitted the peer with one; nil otherwise.
    package var userID: String? = nil
}
