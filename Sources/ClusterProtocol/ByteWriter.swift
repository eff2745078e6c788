import Foundation

/// Appends big-endian integers and raw bytes (the wire format's only building blocks).
package struct ByteWriter {
    private(set) var bytes: [UInt8]

    package init(capacity: Int = 16) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    package mutating func append(_ data: [UInt8]) { bytes.append(contentsOf: data) }
    package mutating func append(_ data: Data) { bytes.append(contentsOf: data) }

    package mutating func appendUInt16(_ v: UInt16) {
        bytes.append(UInt8(v >> 8))
        bytes.append(UInt8(v & 0xff))
    }

    package mutating func appendUInt32(_ v: UInt32) {
        bytes.append(UInt8(v >> 24))
        bytes.append(UInt8((v >> 16) & 0xff))
        bytes.append(UInt8((v >> 8) & 0xff))
        bytes.append(UInt8(v & 0xff))
    }

    package mutating func appendUInt64(_ v: UInt64) {
        appendUInt32(UInt32(v >> 32))
        appendUInt32(UInt32(v & 0xffff_ffff))
    }
}
