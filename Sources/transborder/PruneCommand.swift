import ArgumentParser
import Cluster

/// `transborder prune`: remove old finished jobs from the coordinator's store.
struct PruneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune",
        abstract: "Remove every job that finished more than a given time ago, with its results and files.",
        discussion: """
            Queued and running jobs are never removed. DURATION is a whole number and a unit: \
            s, m (minutes), h, d or w, e.g. 30d. The store is VACUUMed afterwards. A \
            coordinator that does not answer is retried, with a notice every 10 s, until \
            --wait-timeout (default 30s); after a retry only what that attempt removed is \
            listed. Exit status: 0 pruned; 1 coordinator error or refusal; 2 a bad duration; 75 \
            the coordinator did not answer within --wait-timeout.
            """
    )

    @Option(help: "Remove jobs finished longer ago than this, e.g. 12h, 30d, 2w.")
    var olderThan: String

    @OptionGroup var endpoint: ClusterEndpointOptions

    @OptionGroup var patience: ClientPatienceOptions

    @OptionGroup var logging: ClusterLoggingOptions

    func validate() throws {
        guard Self.seconds(olderThan) != nil else {
            throw ValidationError("--older-than: '\(olderThan)' is not a duration such as 90s, 45m, 12h, 30d or 2w")
        }
    }

    /// Seconds in `text` (`<whole number><s|m|h|d|w>`), nil when it is not that form.
    static func seconds(_ text: String) -> UInt64? {
        guard let unit = text.last, let value = UInt64(text.dropLast()) else { return nil }
        let factor: UInt64
        switch unit {
        case "s": factor = 1
        case "m": factor = 60
        case "h": factor = 3600
        case "d": factor = 86_400
        case "w": factor = 604_800
        default: return nil
        }
        let (product, overflow) = value.multipliedReportingOverflow(by: factor)
        return overflow ? nil : product
    }

    static func sizes(_ removed: RemovedJobs) -> String {
        func mib(_ bytes: Int) -> String { String(format: "%.1f MiB", Double(bytes) / 1_048_576) }
        return
            "removed \(removed.removed.count) job\(removed.removed.count == 1 ? "" : "s"); store \(mib(removed.storeBytesBefore)) -> \(mib(removed.storeBytesAfter))"
    }

    func run() throws {
        _ = logging.logger("client")
        try reportingClientErrors("prune") {
            guard let seconds = Self.seconds(olderThan) else { throw ExitCode(2) }
            let client = try endpoint.client(patience: patience)
            let (removed, retried) = try client.persistently {
                (try client.prune(olderThanSeconds: seconds), client.isRetrying)
            }
            for id in removed.removed { print("forgot job \(id)") }
            printError(Self.sizes(removed))
            if retried {
                printError("prune: an earlier attempt got no reply; the jobs it may have removed are not listed")
            }
        }
    }
}
