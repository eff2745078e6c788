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
        try reportingClientErrors("fetch") {
            let client = try endpoint.client()
            let names = try client.fetch(job: try client.resolve(job: job), into: URL(fileURLWithPath: out))
            for name in names { print(name) }
        }
    }
}
