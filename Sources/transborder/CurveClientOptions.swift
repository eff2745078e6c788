import ArgumentParser
import Cluster
import Foundation

/// `--curve-secret` and `--server-key` of the commands that connect to a coordinator
/// (worker, submit, status, fetch, cancel, forget, prune); `TRANSBORDER_CURVE_SECRET` and
/// `TRANSBORDER_SERVER_KEY` stand in for them.
struct CurveClientOptions: ParsableArguments {
    @Option(
        name: .customLong("curve-secret"),
        help:
            "This peer's CURVE secret key (NAME.key from `transborder keygen`); its public key, derived from it, must be in the coordinator's authorized keys (default: $TRANSBORDER_CURVE_SECRET)."
    )
    var curveSecretOption: String?

    @Option(
        name: .customLong("server-key"),
        help: "The coordinator's CURVE public key (its NAME.pub); authenticates the coordinator (default: $TRANSBORDER_SERVER_KEY).")
    var serverKeyOption: String?

    var curveSecret: String? { curveSecretOption ?? Self.environment("TRANSBORDER_CURVE_SECRET") }
    var serverKey: String? { serverKeyOption ?? Self.environment("TRANSBORDER_SERVER_KEY") }

    static func environment(_ name: String) -> String? {
        ProcessInfo.processInfo.environment[name].flatMap { $0.isEmpty ? nil : $0 }
    }

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
