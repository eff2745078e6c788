import ZeroMQ

/// What a worker or client needs for CURVE: its own key pair (the public half derived
/// from the secret file) and the coordinator's public key, which authenticates the server.
package struct CurveClientCredentials: Sendable, Hashable {
    package var keyPair: CurveKeyPair
    package var serverKey: CurveKey

    package init(keyPair: CurveKeyPair, serverKey: CurveKey) {
        self.keyPair = keyPair
        self.serverKey = serverKey
    }

    /// Loads `--curve-secret FILE --server-key FILE` (throws `InputError`).
    package static func load(secretFile: String, serverKeyFile: String) throws -> CurveClientCredentials {
        CurveClientCredentials(
            keyPair: try CurveKeyFile.readKeyPair(secretFile: secretFile),
            serverKey: try CurveKeyFile.readPublicKey(serverKeyFile))
    }

    /// Makes `socket` (a DEALER, before `connect`) a CURVE client of the coordinator.
    package func apply(to socket: ZMQSocket) throws {
        try socket.setCurveClient(serverKey: serverKey, publicKey: keyPair.publicKey, secretKey: keyPair.secretKey)
    }
}
