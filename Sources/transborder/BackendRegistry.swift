import Cluster
import ClusterSupport

/// The task backends this build of `transborder` offers, by `JobBundle.kind`.
/// Coordinators and workers must be built with the same registry.
enum BackendRegistry {
    /// Every backend: `analysis` (the product), the built-in `noop` (benchmarks,
    /// tests) and `failing` (tests).
    static var all: [String: any TaskBackend] {
        let backends: [any TaskBackend] = [AnalysisBackend(), NoopBackend(), FailingBackend()]
        return Dictionary(uniqueKeysWithValues: backends.map { ($0.kind, $0) })
    }

    /// Kinds, sorted, for help texts and errors.
    static var kinds: [String] { all.keys.sorted() }
}
