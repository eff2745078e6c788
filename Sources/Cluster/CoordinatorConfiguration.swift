import ClusterProtocol
import Foundation

/// Settings of a coordinator (`transborder coordinator` options map onto these).
package struct CoordinatorConfiguration: Sendable {
    /// ZeroMQ endpoint to bind, e.g. `tcp://0.0.0.0:5555`, `tcp://127.0.0.1:*`, `ipc:///tmp/tb.sock`.
    package var bind: String
    /// SQLite store path (created if missing; resumed if present).
    package var storePath: String
    /// Folder that receives `<job id>/` result folders.
    package var resultsDirectory: URL
    /// Backends by kind.
    package var backends: [String: any TaskBackend]
    /// Jobs the submitting process already parsed (`run --workers N`); nil elsewhere.
    package var handoff: PreparedJobHandoff?
    /// The store and the result folders live only as long as this process (`run --workers N`):
    /// see `JobStore.init`; result folders are published without syncing to disk.
    package var ephemeralStore = false
    /// A task's own failures before the job fails: it fails once the task failed on this
    /// many distinct workers, or this many times with no other eligible worker connected.
    package var maxAttempts = 3
    /// Tasks of one job a worker failed and other workers then completed, after which it
    /// gets none of that job's tasks (0: never quarantine).
    package var quarantineAfter = 3
    /// Seconds between heartbeats to an otherwise silent worker.
    package var heartbeatInterval = 1.0
    /// Seconds of silence after which a worker is declared dead.
    package var heartbeatTimeout = 5.0
    /// Seconds a worker may hold a task before it is re-queued.
    package var leaseTimeout = 900.0
    /// ZMQ_MAXMSGSIZE and the total-bytes limit of one message.
    package var maxMessageBytes = WireProtocol.defaultMaxMessageBytes
    /// ROUTER high-water marks in messages: large enough for every worker's full credit
    /// of TASK messages plus replies; credit, not the HWM, bounds what is in flight.
    package var highWaterMark = 100_000
    /// Messages handled per loop iteration before the store commits (the batch size of commits).
    package var maxMessagesPerIteration = 4096
    /// How workers are shared between running jobs (`--schedule`).
    package var schedule = SchedulePolicy.fair
    /// Finished jobs older than this many seconds are removed automatically with their
    /// results and folders, as `prune` does (`--keep-finished`); nil: kept until pruned.
    package var keepFinishedSeconds: Double?
    /// Seconds between `wal_checkpoint(TRUNCATE)`s while the store changed (`--checkpoint-interval`).
    package var checkpointInterval = 30.0
    /// CURVE: the coordinator's key pair and the public keys it admits (nil: plaintext).
    /// With it, a ZAP handler runs in the coordinator's context before the socket binds.
    package var curve: CurveServerCredentials?
    /// Set (by SIGHUP in `transborder coordinator`) to re-read the authorized keys now;
    /// the folder is also checked for changes every heartbeat interval without it.
    package var keyReload: ReloadSignal?
    /// Seconds between checks of the authorized-keys folder for changes (0: only on
    /// `keyReload`, e.g. a folder on a slow network file system).
    package var keyCheckInterval = 1.0
    /// Where to serve Prometheus metrics over HTTP (`GET /metrics`), a ZeroMQ tcp endpoint
    /// such as `tcp://0.0.0.0:9464`; nil: no metrics endpoint.
    package var metricsBind: String?
    /// Called once the socket is bound, with the resolved endpoint (e.g. the chosen tcp port).
    package var onListening: (@Sendable (String) -> Void)?

    package init(bind: String, storePath: String, resultsDirectory: URL, backends: [String: any TaskBackend]) {
        self.bind = bind
        self.storePath = storePath
        self.resultsDirectory = resultsDirectory
        self.backends = backends
    }
}
