import ZeroMQ

/// What a coordinator needs for CURVE: its own key pair and the public keys it admits.
package struct CurveServerCredentials: Sendable, Hashable {
    package var keyPair: CurveKeyPair
    package var authorized: AuthorizedKeys

    package init(keyPair: CurveKeyPair, authorized: AuthorizedKeys) {
        self.keyPair = keyPair
        self.authorized = authorized
    }

    /// Loads `--curve-secret FILE --authorized-keys DIR` (throws `InputError`).
    package static func load(secretFile: String, authorizedFolder: String) throws -> CurveServerCredentials {
        CurveServerCredentials(
            keyPair: try CurveKeyFile.readKeyPair(secretFile: secretFile),
            authorized: try AuthorizedKeys.read(folder: authorizedFolder))
    }
}
