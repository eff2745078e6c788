import ArgumentParser
import Cluster

/// `transborder cancel`: stop a job.
struct CancelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel",
        abstract: "Cancel a job (its stored results are kept; submitting it again resumes it).",
        discussion: """
            Workers drop the job's queued tasks at once. A job that already finished is left \
            as it is (exit 0, saying so). A coordinator that does not answer is retried \
            (cancelling twice is harmless), with a notice every 10 s, until --wait-timeout \
            (default 30s). Exit status: 0 cancelled or already finished; 1 coordinator error \
            or refusal; 2 a job that does not exist; 75 the coordinator did not answer within \
            --wait-timeout.
            """
    )

    @Argument(help: "Job id, name (the latest job of that name) or unambiguous prefix.")
    var job: String

    @OptionGroup var endpoint: ClusterEndpointOptions

    @OptionGroup var patience: ClientPatienceOptions

    @OptionGroup var logging: ClusterLoggingOptions

    func run() throws {
        _ = logging.logger("client")
        try endpoint.withJob("cancel", job, patience: patience) { client, id in
            var cancelSent = false
            let line = try client.persistently {
                let before = try client.status(job: id)
                // Cancelled after a CANCEL whose reply was lost: that attempt cancelled it.
                if before.state == .cancelled && cancelSent { return JobListing.line(before) }
                if before.isFinished { return "job \(id) is already \(before.state); nothing to cancel" }
                cancelSent = true
                return JobListing.line(try client.cancel(job: id))
            }
            print(line)
        }
    }
}
