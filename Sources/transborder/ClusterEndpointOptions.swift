import ArgumentParser
import Cluster
import ClusterProtocol
import Foundation

/// `--to ENDPOINT` and `--timeout` shared by the client commands. `TRANSBORDER_COORDINATOR`
/// stands in for `--to` (and `TRANSBORDER_CURVE_SECRET`/`TRANSBORDER_SERVER_KEY` for the
/// CURVE options), so an operator's shell names its cluster once.
struct ClusterEndpointOptions: ParsableArguments {
    /// The environment variable read when `--to` is not given.
    static let environmentVariable = "TRANSBORDER_COORDINATOR"

    @Option(
        help: ArgumentHelp(
            "Coordinator endpoint, e.g. tcp://HOST:5555 or ipc://PATH (default: $TRANSBORDER_COORDINATOR).",
            valueName: "endpoint"))
    var to: String?

    @Option(help: "Seconds to wait for each reply from the coordinator.")
    var timeout: Double = 10

    @OptionGroup var curve: CurveClientOptions

    /// `--to`, else the environment variable.
    var endpoint: String? {
        to ?? ProcessInfo.processInfo.environment[Self.environmentVariable].flatMap { $0.isEmpty ? nil : $0 }
    }

    func validate() throws {
        guard endpoint != nil else {
            throw ValidationError("no coordinator: give --to ENDPOINT or set \(Self.environmentVariable)")
        }
        guard timeout > 0 else { throw ValidationError("--timeout must be positive") }
    }

    /// Runs `body` with a patient client (`client(patience:)`) and the id `reference`
    /// names (id, name or prefix), resolved once, reporting errors as `command`
    /// (`reportingClientErrors`). Resolved before `body` runs, so that a retried body acts
    /// on the same job even when its lost attempt changed which job a name means.
    func withJob<T>(
        _ command: String, _ reference: String, patience: ClientPatienceOptions, _ body: (ClusterClient, String) throws -> T
    ) throws -> T {
        try reportingClientErrors(command) {
            let client = try client(patience: patience)
            let id = try client.persistently { try client.resolve(job: reference) }
            return try body(client, id)
        }
    }

    func client() throws -> ClusterClient {
        guard let endpoint else { throw ValidationError("no coordinator: give --to ENDPOINT or set \(Self.environmentVariable)") }
        return try ClusterClient(endpoint: endpoint, timeout: timeout, curve: try curve.credentials())
    }

    /// A client whose `persistently` requests outlast a silent coordinator as `patience`
    /// says (`--wait-timeout`, else `defaultSeconds`); `hint` completes its notices.
    func client(
        patience: ClientPatienceOptions, default defaultSeconds: Double? = ClientPatienceOptions.defaultSeconds, hint: String? = nil
    ) throws -> ClusterClient {
        let client = try client()
        client.patience = patience.patience(for: client, default: defaultSeconds, hint: hint)
        return client
    }
}

/// Runs a client command body, printing client errors for humans: a job that does not
/// exist (or a reference naming no single job) exits 2 like any bad input, a coordinator
/// that did not answer within `--wait-timeout` 75, other coordinator errors 1.
func reportingClientErrors<T>(_ command: String, _ body: () throws -> T) throws -> T {
    do {
        return try reportingInputErrors(body)
    } catch let error as JobReference.ResolutionError {
        printError("\(command): \(error)")
        throw ExitCode(2)
    } catch let error as ClientError {
        printError("\(command): \(error)")
        if case .refused(.unknownJob, _) = error { throw ExitCode(2) }
        if case .notAnswering = error { throw ExitCode.coordinatorNotAnswering }
        throw ExitCode(1)
    }
}
