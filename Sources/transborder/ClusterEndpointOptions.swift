import ArgumentParser
import Cluster

/// `--to ENDPOINT` and `--timeout` shared by the client commands.
struct ClusterEndpointOptions: ParsableArguments {
    @Option(help: "Coordinator endpoint, e.g. tcp://HOST:5555 or ipc://PATH.")
    var to: String

    @Option(help: "Seconds to wait for each reply from the coordinator.")
    var timeout: Double = 10

    @OptionGroup var curve: CurveClientOptions

    func client() throws -> ClusterClient {
        try ClusterClient(endpoint: to, timeout: timeout, curve: try curve.credentials())
    }
}

/// Runs a client command body, printing client errors for humans (exit 1).
func reportingClientErrors<T>(_ command: String, _ body: () throws -> T) throws -> T {
    do {
        return try reportingInputErrors(body)
    } catch let error as ClientError {
        printError("\(command): \(error)")
        throw ExitCode(1)
    }
}
