import Cluster
import ClusterProtocol
import Foundation

/// The `noop` backend: trivial deterministic tasks for benchmarks and tests.
///
/// Spec (JSON): `{"tasks": N, "payload_bytes": k, "sleep_ms": s, "count_file": "path"}`;
/// only `tasks` is required. Each task sleeps `s` ms (default 0), returns `k` bytes
/// (default 8) derived from its index, and — when `count_file` is set — appends its index
/// and a newline to that file, so tests can count executions across processes.
/// The aggregate is `noop-summary.json` with an order-sensitive FNV-1a digest of all results.
package struct NoopBackend: TaskBackend {
    package init() {}

    package var kind: String { "noop" }

    package func prepare(_ bundle: JobBundle) throws -> any PreparedJob {
        try NoopJob(spec: bundle.spec, bundleHash: bundle.contentHash)
    }
}
