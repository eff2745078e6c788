/// Reads what `ByteWriter` writes (little-endian integers and doubles, raw bytes) from a
/// byte array, checking the bytes left before every read: an overrun is a
/// `ByteCodecError`, never a trap. Fixed-width values are loaded unaligned straight from
/// the array's storage.
public struct ByteReader: Sendable {
    /// Everything being read (`offset` is the position in it).
    public let bytes: [UInt8]
    @usableFromInline var position = 0

    /// The index of the next byte to read.
    @inlinable
    public var offset: Int { position }

    @inlinable
    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    @inlinable
    public var isAtEnd: Bool { offset == bytes.count }

    @inlinable
    public var remaining: Int { bytes.count - offset }

    /// The next `count` bytes.
    @inlinable
    public mutating func read(count: Int) throws(ByteCodecError) -> ArraySlice<UInt8> {
        let start = try advance(by: count)
        return bytes[start..<start + count]
    }

    /// Moves past the next `count` bytes and returns where they start.
    @inlinable
    public mutating func advance(by count: Int) throws(ByteCodecError) -> Int {
        guard count >= 0, count <= remaining else { throw ByteCodecError(offset: offset, needed: count, remaining: remaining) }
        defer { position += count }
        return position
    }

    @inlinable
    public mutating func readUInt8() throws(ByteCodecError) -> UInt8 { try readLittleEndian(UInt8.self) }

    @inlinable
    public mutating func readUInt16() throws(ByteCodecError) -> UInt16 { try readLittleEndian(UInt16.self) }

    @inlinable
    public mutating func readUInt32() throws(ByteCodecError) -> UInt32 { try readLittleEndian(UInt32.self) }

    @inlinable
    public mutating func readUInt64() throws(ByteCodecError) -> UInt64 { try readLittleEndian(UInt64.self) }

    @inlinable
    public mutating func readInt64() throws(ByteCodecError) -> Int64 { try readLittleEndian(Int64.self) }

    @inlinable
    public mutating func readDouble() throws(ByteCodecError) -> Double { Double(bitPattern: try readLittleEndian(UInt64.self)) }

    /// `count` doubles written back to back (one allocation; no copy of the bytes).
    @inlinable
    public mutating func readDoubles(count: Int) throws(ByteCodecError) -> [Double] {
        guard count >= 0, count <= remaining / 8 else {
            throw ByteCodecError(offset: offset, needed: count.multipliedReportingOverflow(by: 8).partialValue, remaining: remaining)
        }
        let start = position
        position += 8 * count
        return bytes.withUnsafeBytes { raw in
            Array(unsafeUninitializedCapacity: count) { buffer, initialized in
                for i in 0..<count {
                    let bits = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: start + 8 * i, as: UInt64.self))
                    buffer[i] = Double(bitPattern: bits)
                }
                initialized = count
            }
        }
    }

    @inlinable
    mutating func readLittleEndian<T: FixedWidthInteger>(_: T.Type) throws(ByteCodecError) -> T {
        let size = MemoryLayout<T>.size
        guard size <= remaining else { throw ByteCodecError(offset: offset, needed: size, remaining: remaining) }
        let value = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: T.self) }
        position += size
        return T(littleEndian: value)
    }
}
