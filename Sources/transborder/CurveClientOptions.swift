import ArgumentParser
import Cluster

/// `--curve-secret` and `--server-key` of the commands that connect to a coordinator
/// (worker, submit, status, fetch, cancel).
struct CurveClientOptions: ParsableArguments {
    @Option(help: "This peer's CURVE secret key (NAME.key from `transborder keygen`); its public key, derived from it, must be in the coordinator's authorized keys.")
    var curveSecret: String?

    @Option(help: "The coordinator's CURVE public key (its NAME.pub); authenticates the coordinator.")
    var serverKey: String?

    func validate() throws {
        guard (curveSecret == nil) == (serverKey == nil) else {
            throw ValidationError("--curve-secret and --server-key go together")
        }
    }

    /// The credentials, or nil for a plaintext connection; throws `InputError` for bad key files.
    func credentials() throws -> CurveClientCredentials? {
        guard let curveSecret, let serverKey else { return nil }
        return try CurveClientCredentials.load(secretFile: curveSecret, serverKeyFile: serverKey)
    }
}
