import ArgumentParser
import Cluster

/// `transborder cancel`: stop a job.
struct CancelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel",
        abstract: "Cancel a job (its stored results are kept; submitting it again resumes it)."
    )

    @Argument(help: "Job id (16 hex digits).")
    var job: String

    @OptionGroup var endpoint: ClusterEndpointOptions

    @OptionGroup var logging: ClusterLoggingOptions

    func run() throws {
        _ = logging.logger("client")
        try reportingClientErrors("cancel") {
            let status = try endpoint.client().cancel(job: job)
            print(StatusCommand.line(status))
        }
    }
}
