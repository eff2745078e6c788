import CZeroMQ

/// A CURVE key pair from `zmq_curve_keypair` (libsodium's Curve25519).
package struct CurveKeyPair: Sendable, Hashable {
    package let publicKey: CurveKey
    package let secretKey: CurveKey

    package init(publicKey: CurveKey, secretKey: CurveKey) {
        self.publicKey = publicKey
        self.secretKey = secretKey
    }

    /// Generates a fresh pair; throws when libzmq was built without CURVE.
    package static func generate() throws -> CurveKeyPair {
        var pub = [CChar](repeating: 0, count: 41)
        var sec = [CChar](repeating: 0, count: 41)
        guard zmq_curve_keypair(&pub, &sec) == 0 else { throw ZMQError.last("zmq_curve_keypair") }
        func text(_ c: [CChar]) -> String { String(decoding: c.prefix(40).map { UInt8(bitPattern: $0) }, as: UTF8.self) }
        guard let p = CurveKey(z85: text(pub)), let s = CurveKey(z85: text(sec)) else {
            throw ZMQError(operation: "zmq_curve_keypair", code: EINVAL)
        }
        return CurveKeyPair(publicKey: p, secretKey: s)
    }

    /// Whether this libzmq supports CURVE (`zmq_has("curve")`).
    package static var isAvailable: Bool { zmq_has("curve") != 0 }
}
