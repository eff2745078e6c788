import Foundation

/// 64-bit FNV-1a, an order-sensitive fingerprint for the `noop` aggregate (not a security hash).
package struct FNV1a64 {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    package mutating func update(_ data: Data) {
        var v = value
        data.withUnsafeBytes { buffer in
            for byte in buffer {
                v ^= UInt64(byte)
                v = v &* 0x0000_0100_0000_01B3
            }
        }
        value = v
    }

    package var hex: String {
        let s = String(value, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}
