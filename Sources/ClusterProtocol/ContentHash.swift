import Crypto
import Foundation

/// SHA-256 content hashes (FIPS 180-4, swift-crypto's `SHA256`), lowercase hex.
///
/// Keys a job bundle (`JobBundle.contentHash`: datasets sent to workers once, cached by
/// hash), checks fetched result files, and records spec and data hashes in manifest.json.
package enum ContentHash {
    /// Lowercase hex SHA-256 of `bytes`.
    package static func sha256<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var hasher = SHA256()
        let contiguous = bytes.withContiguousStorageIfAvailable { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) } != nil
        if !contiguous { hasher.update(data: Array(bytes)) }
        return hex(hasher.finalize())
    }

    /// Lowercase hex SHA-256 of several byte sequences, each prefixed by its
    /// length (8 bytes, big-endian) so that concatenation is unambiguous.
    package static func sha256(parts: [[UInt8]]) -> String {
        var hasher = SHA256()
        for part in parts {
            var length = UInt64(part.count).bigEndian
            withUnsafeBytes(of: &length) { hasher.update(bufferPointer: $0) }
            hasher.update(data: part)
        }
        return hex(hasher.finalize())
    }

    private static let digits = Array("0123456789abcdef".utf8)

    private static func hex(_ digest: SHA256.Digest) -> String {
        var text: [UInt8] = []
        text.reserveCapacity(2 * SHA256.byteCount)
        for byte in digest {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
