import Foundation

/// Appends the fixed-width values of transborder's binary formats: integers and IEEE 754
/// doubles **little-endian**, and raw bytes. The one byte order of the package — the
/// wire protocol (docs/PROTOCOL.md), the job bundle and the task outcomes — chosen
/// because every machine it runs on is little-endian, so the hot arrays of doubles in a
/// task outcome are copied as they are in memory. `public`, not `package`: only
/// `@inlinable public` code is inlined into the codecs here (docs/ARCHITECTURE.md, Access).
public struct ByteWriter: Sendable {
    @usableFromInline var storage: [UInt8]

    /// An empty writer with room for `capacity` bytes.
    @inlinable
    public init(capacity: Int = 16) {
        storage = []
        storage.reserveCapacity(capacity)
    }

    /// The bytes written so far.
    @inlinable
    public var bytes: [UInt8] { storage }

    // Concrete overloads rather than one generic over Sequence: the three kinds of bytes
    // the formats append, each a plain array append at the call site.

    /// Raw bytes, as they are.
    @inlinable
    public mutating func append(_ bytes: [UInt8]) { storage.append(contentsOf: bytes) }

    /// Raw bytes, as they are.
    @inlinable
    public mutating func append(_ data: Data) { storage.append(contentsOf: data) }

    /// The UTF-8 bytes of `text` (no length, no terminator).
    @inlinable
    public mutating func appendUTF8(_ text: String) { storage.append(contentsOf: text.utf8) }

    @inlinable
    public mutating func appendUInt8(_ value: UInt8) { storage.append(value) }

    @inlinable
    public mutating func appendUInt16(_ value: UInt16) { appendLittleEndian(value) }

    @inlinable
    public mutating func appendUInt32(_ value: UInt32) { appendLittleEndian(value) }

    @inlinable
    public mutating func appendUInt64(_ value: UInt64) { appendLittleEndian(value) }

    @inlinable
    public mutating func appendInt64(_ value: Int64) { appendLittleEndian(value) }

    /// A double as its IEEE 754 bit pattern (8 bytes).
    @inlinable
    public mutating func appendDouble(_ value: Double) { appendLittleEndian(value.bitPattern) }

    /// Doubles back to back, 8 bytes each (one copy on a little-endian machine).
    @inlinable
    public mutating func appendDoubles(_ values: [Double]) {
        #if _endian(little)
            values.withUnsafeBytes { storage.append(contentsOf: $0) }
        #else
            for value in values { appendDouble(value) }
        #endif
    }

    @inlinable
    mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { storage.append(contentsOf: $0) }
    }
}
