import ArgumentParser
import Cluster
import Foundation

/// `transborder fetch`: download a finished job's result files.
struct FetchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Download the result files of a finished job.",
        discussion: """
            Files arrive in chunks (several in flight), are checked against their SHA-256 and \
            renamed into place. A coordinator that does not answer is retried (the download \
            starts again), with a notice every 10 s, until --wait-timeout (default 30s). Exit \
            status: 0 fetched; 1 the job failed, was cancelled or is not finished, or another \
            coordinator error; 2 a job that does not exist; 75 the coordinator did not answer \
            within --wait-timeout.
            """
    )

    @Argument(help: "Job id, name (the latest job of that name) or unambiguous prefix.")
    var job: String

    @OptionGroup var endpoint: ClusterEndpointOptions

    @OptionGroup var patience: ClientPatienceOptions

    @Option(help: "Folder to write the files into (created if missing).")
    var out: String

    @OptionGroup var logging: ClusterLoggingOptions

    func run() throws {
        _ = logging.logger("client")
        try reportingClientErrors("fetch") {
            let client = try endpoint.client(patience: patience, hint: "fetching again later is safe")
            let names = try client.persistently {
                try client.fetch(job: try client.resolve(job: job), into: URL(fileURLWithPath: out))
            }
            for name in names { print(name) }
        }
    }
}
