import ClusterProtocol
/// A kind of computation the cluster can run (`analysis`, `noop`, `failing` …).
///
/// The coordinator and every worker hold the same backends, looked up by `kind`.
/// A backend turns a submitted bundle into a `PreparedJob` (parse and validate once);
/// the coordinator prepares to learn the task count and to aggregate, each worker
/// prepares once per bundle (cached by content hash) and executes tasks.
package protocol TaskBackend: Sendable {
    /// The name clients put in `JobBundle.kind`.
    var kind: String { get }
    /// Parses and validates a bundle. Errors are reported to the submitting client.
    func prepare(_ bundle: JobBundle) throws -> any PreparedJob
}
