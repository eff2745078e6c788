import ArgumentParser
import Cluster

/// `transborder forget`: remove a finished job from the coordinator's store.
struct ForgetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forget",
        abstract: "Remove a finished job, its stored results and its result files from the coordinator.",
        discussion: """
            Only done, failed or cancelled jobs (cancel a running one first). The store is \
            VACUUMed afterwards, which blocks the coordinator for a time proportional to the \
            store's size. Exit status 2 for a job that does not exist, 1 for an active one.
            """
    )

    @Argument(help: "Job id, name (the latest job of that name) or unambiguous prefix.")
    var job: String

    @OptionGroup var endpoint: ClusterEndpointOptions

    @OptionGroup var logging: ClusterLoggingOptions

    func run() throws {
        _ = logging.logger("client")
        try endpoint.withJob("forget", job) { client, id in
            let removed = try client.forget(job: id)
            for id in removed.removed { print("forgot job \(id)") }
            printError(PruneCommand.sizes(removed))
        }
    }
}
