import ClusterProtocol
/// Settings of a worker process (`transborder worker` options map onto these).
package struct WorkerConfiguration: Sendable {
    /// Coordinator endpoint, e.g. `tcp://coordinator:5555`.
    package var endpoint: String
    /// Name shown in the coordinator's logs and status.
    package var name: String
    /// Tasks computed concurrently.
    package var threads: Int
    /// Tasks held at once (computing + queued); keeps threads busy across round trips.
    package var credit: Int
    /// Backends by kind.
    package var backends: [String: any TaskBackend]
    /// Seconds between heartbeats when nothing else was sent.
    package var heartbeatInterval = 1.0
    /// Seconds of coordinator silence before reconnecting.
    package var heartbeatTimeout = 5.0
    /// Reconnect backoff: first and longest wait, in seconds.
    package var backoffInitial = 1.0
    package var backoffMaximum = 32.0
    /// On SIGTERM, seconds to wait for running tasks before leaving anyway.
    package var drainTimeout = 30.0
    /// Seconds to wait after the last DISCONNECT so libzmq hands it to the kernel (the
    /// socket's LINGER is 0). 0 for a worker of `run`, whose coordinator is stopping with it.
    package var goodbyeSeconds = 0.1
    /// Consecutive refusals by the coordinator (its ZAP handler refusing this CURVE key, a
    /// security mechanism or server key that cannot match, `DISCONNECT 6`) after which the
    /// worker gives up (`Exit.refused`); nil: keep retrying with backoff (`--retry-refused`).
    package var refusalLimit: Int? = WorkerConfiguration.defaultRefusalLimit
    package static let defaultRefusalLimit = 3
    /// CURVE: this worker's key pair and the coordinator's public key (nil: plaintext).
    package var curve: CurveClientCredentials?
    /// ZMQ_MAXMSGSIZE of the worker's socket.
    package var maxMessageBytes = WireProtocol.defaultMaxMessageBytes

    package init(endpoint: String, name: String, threads: Int, credit: Int? = nil, backends: [String: any TaskBackend]) {
        self.endpoint = endpoint
        self.name = name
        self.threads = max(1, threads)
        self.credit = max(self.threads, credit ?? 4 * max(1, threads))
        self.backends = backends
    }
}
