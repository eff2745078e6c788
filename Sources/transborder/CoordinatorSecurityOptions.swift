import ArgumentParser
import Cluster

/// `--curve-secret`, `--authorized-keys` and `--insecure` of `transborder coordinator`.
struct CoordinatorSecurityOptions: ParsableArguments {
    @Option(help: "The coordinator's CURVE secret key (NAME.key from `transborder keygen`; not readable by others).")
    var curveSecret: String?

    @Option(
        help:
            "Folder of the public keys (*.pub) of the workers and clients to admit; anyone else is refused and logged. Re-read when it changes and on SIGHUP."
    )
    var authorizedKeys: String?

    @Flag(help: "Bind a non-loopback address without CURVE: plaintext and no authentication (trusted private networks only).")
    var insecure = false

    func validate() throws {
        guard (curveSecret == nil) == (authorizedKeys == nil) else {
            throw ValidationError("--curve-secret and --authorized-keys go together")
        }
        if insecure && curveSecret != nil {
            throw ValidationError("--insecure contradicts --curve-secret: give one or the other")
        }
    }

    /// The CURVE credentials (throws `InputError` for bad key files), or nil for plaintext,
    /// which is refused (exit 2, saying why) when `bind` is reachable from other machines
    /// and `--insecure` was not given.
    func credentials(bind: String) throws -> CurveServerCredentials? {
        if let curveSecret, let authorizedKeys {
            return try CurveServerCredentials.load(secretFile: curveSecret, authorizedFolder: authorizedKeys)
        }
        if EndpointScope(endpoint: bind) == .network && !insecure {
            printError(
                """
                coordinator: refusing to bind \(bind) without CURVE keys: it is reachable from other machines, \
                and without CURVE anyone who reaches it can submit jobs, pose as a worker and read the data and \
                results in plain text. Give --curve-secret server.key --authorized-keys DIR (make keys with \
                `transborder keygen --out NAME`), bind a loopback address (127.0.0.1) or ipc://, or pass \
                --insecure on a private network you trust completely.
                """)
            throw ExitCode(2)
        }
        return nil
    }
}
