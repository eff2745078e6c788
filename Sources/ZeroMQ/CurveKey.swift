import CZeroMQ

/// A 32-byte CURVE key (public or secret), written as 40 characters of Z85 text.
package struct CurveKey: Sendable, Hashable, CustomStringConvertible {
    /// The raw 32 bytes.
    package let bytes: [UInt8]

    /// Wraps raw key bytes; nil unless exactly 32 bytes.
    package init?(bytes: [UInt8]) {
        guard bytes.count == 32 else { return nil }
        self.bytes = bytes
    }

    /// Decodes Z85 text (40 characters); nil when malformed.
    package init?(z85 text: String) {
        let chars = Array(text.utf8)
        guard chars.count == 40 else { return nil }
        var out = [UInt8](repeating: 0, count: 32)
        let text = chars.map { CChar(bitPattern: $0) } + [0]
        let ok = out.withUnsafeMutableBufferPointer { dst in zmq_z85_decode(dst.baseAddress, text) != nil }
        guard ok else { return nil }
        self.bytes = out
    }

    /// The key as 40 characters of Z85 text.
    package var z85: String {
        var out = [CChar](repeating: 0, count: 41)
        bytes.withUnsafeBufferPointer { src in
            _ = zmq_z85_encode(&out, src.baseAddress, 32)
        }
        return String(decoding: out.prefix(40).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    package var description: String { z85 }
}
