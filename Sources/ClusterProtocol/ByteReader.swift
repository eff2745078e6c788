/// Reads big-endian integers and byte runs with bounds checks; every overrun is a
/// `FrameError.malformed`, never a trap.
package struct ByteReader {
    private let bytes: [UInt8]
    private var offset = 0

    package init(_ bytes: [UInt8]) { self.bytes = bytes }

    package var isAtEnd: Bool { offset == bytes.count }
    package var remaining: Int { bytes.count - offset }

    package mutating func read(count: Int) throws(FrameError) -> ArraySlice<UInt8> {
        guard count >= 0, count <= remaining else {
            throw .malformed("needs \(count) more bytes, \(remaining) left")
        }
        defer { offset += count }
        return bytes[offset..<offset + count]
    }

    package mutating func readUInt16() throws(FrameError) -> UInt16 {
        let s = try read(count: 2)
        return UInt16(s[s.startIndex]) << 8 | UInt16(s[s.startIndex + 1])
    }

    package mutating func readUInt32() throws(FrameError) -> UInt32 {
        let s = try read(count: 4)
        var v: UInt32 = 0
        for b in s { v = v << 8 | UInt32(b) }
        return v
    }

    package mutating func readUInt64() throws(FrameError) -> UInt64 {
        let s = try read(count: 8)
        var v: UInt64 = 0
        for b in s { v = v << 8 | UInt64(b) }
        return v
    }
}
