import ArgumentParser
import Cluster

/// `transborder cancel`: stop a job.
struct CancelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel",
        abstract: "Cancel a job (its stored results are kept; submitting it again resumes it).",
        discussion: """
            Workers drop the job's queued tasks at once. A job that already finished is left \
            as it is (exit 0, saying so); a job that does not exist exits 2.
            """
    )

    @Argument(help: "Job id, name (the latest job of that name) or unambiguous prefix.")
    var job: String

    @OptionGroup var endpoint: ClusterEndpointOptions

    @OptionGroup var logging: ClusterLoggingOptions

    func run() throws {
        _ = logging.logger("client")
        try endpoint.withJob("cancel", job) { client, id in
            let before = try client.status(job: id)
            if before.isFinished {
                print("job \(id) is already \(before.state); nothing to cancel")
                return
            }
            print(JobListing.line(try client.cancel(job: id)))
        }
    }
}
