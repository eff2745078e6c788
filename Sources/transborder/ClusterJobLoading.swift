import Analysis
import Cluster
import ClusterProtocol
import CooperationNetwork
import Foundation
import JobFiles

/// The bundle of an analysis job folder or spec: validates spec and data
/// locally first (every issue, with file, line and field; exit 2), then ships
/// the exact bytes, which workers re-parse with the same code.
func makeAnalysisBundle(jobPath: String) throws -> (bundle: JobBundle, prepared: PreparedAnalysis) {
    let loaded = try JobLoader.load(path: jobPath)
    let bundle = JobBundle(kind: "analysis", spec: loaded.specBytes, places: loaded.placesBytes, links: loaded.linksBytes)
    return (bundle, PreparedAnalysis(panel: loaded.panel, spec: loaded.spec, bundle: bundle))
}

/// The bundle of `JOB` for `--kind KIND`: `analysis` goes through `makeAnalysisBundle`;
/// any other kind (e.g. `noop`) takes the file's bytes as its spec. Also returns the
/// parsed analysis job, which a local coordinator can take instead of parsing again.
func makeBundle(jobPath: String, kind: String) throws -> (bundle: JobBundle, prepared: (any PreparedJob)?) {
    if kind == "analysis" {
        let (bundle, prepared) = try makeAnalysisBundle(jobPath: jobPath)
        return (bundle, prepared)
    }
    guard BackendRegistry.all[kind] != nil else {
        throw InputError(
            file: jobPath, field: "kind", "unknown job kind '\(kind)'; known: \(BackendRegistry.kinds.joined(separator: ", "))")
    }
    do {
        return (JobBundle(kind: kind, spec: try Data(contentsOf: URL(fileURLWithPath: jobPath))), nil)
    } catch {
        throw InputError(file: jobPath, "cannot read the job spec: \(error.localizedDescription)")
    }
}
