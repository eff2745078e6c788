import ByteCodec

/// Validation of the fixed-form fields shared by both protocols.
package enum WireFields {
    /// Reads the fixed-width fields of `frame` (`ByteCodec`, little-endian) with `body`;
    /// a read past the frame's end (a `ByteCodecError`) makes the message malformed.
    package static func read<T>(_ frame: [UInt8], _ body: (inout ByteReader) throws -> T) throws(FrameError) -> T {
        var reader = ByteReader(frame)
        do { return try body(&reader) } catch { throw .malformed("\(error)") }
    }

    package static func isLowerHex(_ bytes: some Collection<UInt8>) -> Bool {
        bytes.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    /// A job id: exactly 16 lowercase hex digits.
    package static func jobID(_ frame: [UInt8]) throws(FrameError) -> String {
        guard frame.count == 16, isLowerHex(frame) else { throw .malformed("job id is not 16 lowercase hex digits") }
        return String(decoding: frame, as: UTF8.self)
    }

    /// A content hash: exactly 64 lowercase hex digits.
    package static func hash(_ frame: [UInt8]) throws(FrameError) -> String {
        guard frame.count == 64, isLowerHex(frame) else { throw .malformed("hash is not 64 lowercase hex digits") }
        return String(decoding: frame, as: UTF8.self)
    }

    /// UTF-8 text of at most `limit` bytes.
    package static func text(_ frame: [UInt8], limit: Int, field: String) throws(FrameError) -> String {
        guard frame.count <= limit else { throw .malformed("\(field) longer than \(limit) bytes") }
        guard let s = String(validating: frame, as: UTF8.self) else { throw .malformed("\(field) is not UTF-8") }
        return s
    }

    /// Splits the command byte from the body frames (frames after the header).
    package static func command(_ frames: ArraySlice<[UInt8]>) throws(FrameError) -> (code: UInt8, body: ArraySlice<[UInt8]>) {
        guard let commandFrame = frames.first else { throw .malformed("missing command frame") }
        guard commandFrame.count == 1 else { throw .malformed("command frame must be 1 byte") }
        return (commandFrame[0], frames.dropFirst())
    }

    package static func exactCount(_ frames: ArraySlice<[UInt8]>, _ n: Int, _ command: String) throws(FrameError) {
        guard frames.count == n else { throw .malformed("\(command) needs \(n) body frames, got \(frames.count)") }
    }
}
