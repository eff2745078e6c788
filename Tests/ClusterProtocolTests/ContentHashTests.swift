import Foundation
import TestSupport
import XCTest
@testable import ClusterProtocol

/// SHA-256 against the FIPS 180-4 / NIST test vectors.
final class ContentHashTests: XCTestCase {
    func testNISTVectors() {
        XCTAssertEqual(
            ContentHash.sha256(Array("abc".utf8)),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(
            ContentHash.sha256([UInt8]()),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(
            ContentHash.sha256(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        XCTAssertEqual(
            ContentHash.sha256([UInt8](repeating: 0x61, count: 1_000_000)),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// Lengths around every block boundary and random contents, against coreutils'
    /// `sha256sum` (an independent implementation); as a `[UInt8]`, as `Data` and in
    /// length-prefixed parts (compared with the same bytes hashed whole).
    func testAgreesWithSha256sumAcrossBlockBoundaries() throws {
        var random = TestRandom(seed: 0x5A256)
        let lengths = [1, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 1000, 4097, 100_003]
        for length in lengths {
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            let expected = try Fixtures.sha256sum(Data(bytes))
            XCTAssertEqual(ContentHash.sha256(bytes), expected, "\(length) bytes")
            XCTAssertEqual(ContentHash.sha256(Data(bytes)), expected, "\(length) bytes as Data")
            XCTAssertEqual(ContentHash.sha256(bytes.lazy.map { $0 }), expected, "\(length) bytes, not contiguous")
        }
        // Parts: each prefixed by its 8-byte big-endian length, split anywhere.
        let whole = (0..<300).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        for cut in [0, 1, 63, 64, 65, 200, 300] {
            let parts = [Array(whole[..<cut]), Array(whole[cut...])]
            var framed: [UInt8] = []
            for part in parts {
                framed += (0..<8).map { UInt8(truncatingIfNeeded: UInt64(part.count) >> (8 * UInt64(7 - $0))) }
                framed += part
            }
            XCTAssertEqual(ContentHash.sha256(parts: parts), ContentHash.sha256(framed), "cut at \(cut)")
        }
    }
}
