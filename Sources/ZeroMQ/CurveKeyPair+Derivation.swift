import CZeroMQ

extension CurveKeyPair {
    /// The pair that belongs to `secretKey`: the public key is derived from it with
    /// `zmq_curve_public` (Curve25519 scalar multiplication of the base point), so a
    /// secret key file alone identifies a peer. Throws when libzmq lacks CURVE.
    package init(secretKey: CurveKey) throws {
        var publicText = [CChar](repeating: 0, count: 41)
        let secretText = Array(secretKey.z85.utf8CString)
        guard zmq_curve_public(&publicText, secretText) == 0 else { throw ZMQError.last("zmq_curve_public") }
        let text = String(decoding: publicText.prefix(40).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard let publicKey = CurveKey(z85: text) else { throw ZMQError(operation: "zmq_curve_public", code: EINVAL) }
        self.init(publicKey: publicKey, secretKey: secretKey)
    }
}
