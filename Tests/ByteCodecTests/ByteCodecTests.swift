import ByteCodec
import TestSupport
import XCTest

/// The one byte codec: little-endian values against Python's `struct` (the reference the
/// protocol documentation gives), round trips, and overruns that throw instead of trapping.
final class ByteCodecTests: XCTestCase {
    /// Python: `struct.pack('<BHIQq', 0xab, 0x1234, 0xdeadbeef, 0x0102030405060708, -2)
    /// + struct.pack('<d', -1.5) + struct.pack('<2d', 0.1, 1e300)`.
    private let pythonBytes: [UInt8] = [
        0xab, 0x34, 0x12, 0xef, 0xbe, 0xad, 0xde, 0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01, 0xfe,
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xf8, 0xbf, 0x9a,
        0x99, 0x99, 0x99, 0x99, 0x99, 0xb9, 0x3f, 0x9c, 0x75, 0x00, 0x88, 0x3c, 0xe4, 0x37, 0x7e,
    ]

    func testWriterGivesPythonsLittleEndianBytes() {
        var writer = ByteWriter()
        writer.appendUInt8(0xab)
        writer.appendUInt16(0x1234)
        writer.appendUInt32(0xdead_beef)
        writer.appendUInt64(0x0102_0304_0506_0708)
        writer.appendInt64(-2)
        writer.appendDouble(-1.5)
        writer.appendDoubles([0.1, 1e300])
        XCTAssertEqual(writer.bytes, pythonBytes)
    }

    func testReaderReadsPythonsBytes() throws {
        var reader = ByteReader(pythonBytes)
        XCTAssertEqual(try reader.readUInt8(), 0xab)
        XCTAssertEqual(try reader.readUInt16(), 0x1234)
        XCTAssertEqual(try reader.readUInt32(), 0xdead_beef)
        XCTAssertEqual(try reader.readUInt64(), 0x0102_0304_0506_0708)
        XCTAssertEqual(try reader.readInt64(), -2)
        XCTAssertEqual(try reader.readDouble(), -1.5)
        XCTAssertEqual(reader.offset, 31)
        XCTAssertEqual(try reader.readDoubles(count: 2), [0.1, 1e300])
        XCTAssertTrue(reader.isAtEnd)
    }

    func testRoundTripOfSeededValuesKeepsEveryBit() throws {
        var random = TestRandom(seed: 42)
        var writer = ByteWriter()
        var expected: [(UInt64, Double, [UInt8])] = []
        for _ in 0..<200 {
            let integer = random.next()
            let double = Double(bitPattern: random.next())  // NaNs and infinities included
            let raw = random.bytes(random.int(0...9))
            writer.appendUInt64(integer)
            writer.appendDouble(double)
            writer.appendUInt32(UInt32(raw.count))
            writer.append(raw)
            expected.append((integer, double, raw))
        }
        var reader = ByteReader(writer.bytes)
        for (integer, double, raw) in expected {
            XCTAssertEqual(try reader.readUInt64(), integer)
            XCTAssertEqual(try reader.readDouble().bitPattern, double.bitPattern)
            let count = Int(try reader.readUInt32())
            XCTAssertEqual(Array(try reader.read(count: count)), raw)
        }
        XCTAssertTrue(reader.isAtEnd)
    }

    func testOverrunsThrowWithWhereAndHowMuch() throws {
        var reader = ByteReader([1, 2, 3])
        XCTAssertEqual(try reader.readUInt16(), 0x0201)
        XCTAssertThrowsError(try reader.readUInt32()) { error in
            XCTAssertEqual(error as? ByteCodecError, ByteCodecError(offset: 2, needed: 4, remaining: 1))
            XCTAssertEqual("\(error)", "needs 4 more bytes at byte 2, 1 left")
        }
        XCTAssertEqual(reader.offset, 2, "a failed read consumes nothing")
        XCTAssertThrowsError(try reader.read(count: -1))
        XCTAssertThrowsError(try reader.readDoubles(count: 1))
        XCTAssertThrowsError(try reader.readDoubles(count: Int.max))
        XCTAssertEqual(try reader.readUInt8(), 3)
        XCTAssertThrowsError(try reader.readUInt8())
        var empty = ByteReader([])
        XCTAssertEqual(try empty.readDoubles(count: 0), [])
    }
}
