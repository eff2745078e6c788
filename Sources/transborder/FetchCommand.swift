import ArgumentParser
import Cluster
import Foundation

/// `transborder fetch`: download a finished job's result files.
struct FetchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Download the result files of a finished job.",
        discussion: "Files arrive in chunks (several in flight), are checked against their SHA-256 and renamed into place."
    )

    @Argument(help: "Job id, name (the latest job of that name) or unambiguous prefix.")
    var job: String

    @OptionGroup var endpoint: ClusterEndpointOptions

    @Option(help: "Folder to write the files into (created if missing).")
    var out: String

    @OptionGroup var logging: ClusterLoggingOptions

    func run() throws {
        _ = logging.logger("client")
        try endpoint.withJob("fetch", job) { client, id in
            for name in try client.fetch(job: id, into: URL(fileURLWithPath: out)) { print(name) }
        }
    }
}
