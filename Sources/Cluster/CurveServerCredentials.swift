import ZeroMQ

/// What a coordinator needs for CURVE: its own key pair and the public keys it admits.
package struct CurveServerCredentials: Sendable, Hashable {
    package var keyPair: CurveKeyPair
    package var authorized: AuthorizedKeys
    /// The folder `authorized` was read from: re-read on SIGHUP and when it changes
    /// (nil: the keys are fixed for the coordinator's life).
    package var folder: String?

    package init(keyPair: CurveKeyPair, authorized: AuthorizedKeys, folder: String? = nil) {
        self.keyPair = keyPair
        self.authorized = authorized
        self.folder = folder
    }

    /// Loads `--curve-secret FILE --authorized-keys DIR` (throws `InputError`).
    package static func load(secretFile: String, authorizedFolder: String) throws -> CurveServerCredentials {
        CurveServerCredentials(
            keyPair: try CurveKeyFile.readKeyPair(secretFile: secretFile),
            authorized: try AuthorizedKeys.read(folder: authorizedFolder), folder: authorizedFolder)
    }
}
