/// A message as the coordinator's ROUTER sees it: the peer's routing id, then either
/// protocol. Decoding checks the header first so a wrong version is reported as such.
package enum InboundMessage {
    case worker(WorkerMessage)
    case client(ClientMessage)

    /// Decodes `frames` (routing id already removed).
    package static func decode(_ frames: ArraySlice<[UInt8]>) throws(FrameError) -> InboundMessage {
        guard let header = frames.first else { throw .malformed("empty message") }
        let rest = frames.dropFirst()
        if header == WireProtocol.workerHeader { return .worker(try WorkerMessage.decode(rest)) }
        if header == WireProtocol.clientHeader { return .client(try ClientMessage.decode(rest)) }
        if header.count == 4, header.starts(with: Array("TBW".utf8)) || header.starts(with: Array("TBC".utf8)) {
            throw .unsupportedVersion(String(decoding: header, as: UTF8.self))
        }
        throw .unknownProtocol
    }
}
