import ArgumentParser
import Cluster
import ClusterProtocol

/// `transborder forget`: remove a finished job from the coordinator's store.
struct ForgetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forget",
        abstract: "Remove a finished job, its stored results and its result files from the coordinator.",
        discussion: """
            Only done, failed or cancelled jobs (cancel a running one first). The store is \
            VACUUMed afterwards, which blocks the coordinator for a time proportional to the \
            store's size. A coordinator that does not answer is retried, with a notice every \
            10 s, until --wait-timeout (default 30s); a retry that finds the job gone counts \
            it forgotten (the lost attempt removed it). Exit status: 0 forgotten; 1 an active \
            job, or another coordinator error or refusal; 2 a job that does not exist; 75 the \
            coordinator did not answer within --wait-timeout.
            """
    )

    @Argument(help: "Job id, name (the latest job of that name) or unambiguous prefix.")
    var job: String

    @OptionGroup var endpoint: ClusterEndpointOptions

    @OptionGroup var patience: ClientPatienceOptions

    @OptionGroup var logging: ClusterLoggingOptions

    func run() throws {
        _ = logging.logger("client")
        try endpoint.withJob("forget", job, patience: patience) { client, id in
            let removed: RemovedJobs? = try client.persistently {
                do {
                    return try client.forget(job: id)
                } catch ClientError.refused(.unknownJob, _) where client.isRetrying {
                    return nil
                }
            }
            guard let removed else {
                print("forgot job \(id)")
                printError(
                    "forget: job \(id) was gone when asked again: the attempt whose reply was lost removed it (store size not known)")
                return
            }
            for id in removed.removed { print("forgot job \(id)") }
            printError(PruneCommand.sizes(removed))
        }
    }
}
