import Cluster
import CooperationNetwork
import Foundation

/// Builds the `analysis` bundle of a job folder or job spec file.
///
/// Placeholder until the analysis backend lands (the lead replaces it with JobFiles
/// loading): reads job.yaml / job.yml / job.json from the folder (or the given file) and
/// places.csv / links.csv beside it, as raw bytes.
func makeAnalysisBundle(jobPath: String) throws -> JobBundle {
    let url = URL(fileURLWithPath: jobPath)
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else {
        throw InputError(file: jobPath, "no such job folder or spec file")
    }
    let specURL: URL
    if isFolder.boolValue {
        guard let found = ["job.yaml", "job.yml", "job.json"].map({ url.appendingPathComponent($0) })
            .first(where: { FileManager.default.fileExists(atPath: $0.path) }) else {
            throw InputError(file: jobPath, "job folder has no job.yaml, job.yml or job.json")
        }
        specURL = found
    } else {
        specURL = url
    }
    let folder = specURL.deletingLastPathComponent()
    func read(_ file: URL) throws -> Data {
        do { return try Data(contentsOf: file) } catch {
            throw InputError(file: file.path, "cannot read: \(error.localizedDescription)")
        }
    }
    return JobBundle(kind: "analysis", spec: try read(specURL),
                     places: try read(folder.appendingPathComponent("places.csv")),
                     links: try read(folder.appendingPathComponent("links.csv")))
}

/// The bundle of `JOB` for `--kind KIND`: `analysis` goes through `makeAnalysisBundle`;
/// any other kind (e.g. `noop`) takes the file's bytes as its spec.
func makeBundle(jobPath: String, kind: String) throws -> JobBundle {
    if kind == "analysis" { return try makeAnalysisBundle(jobPath: jobPath) }
    guard BackendRegistry.all[kind] != nil else {
        throw InputError(file: jobPath, field: "kind", "unknown job kind '\(kind)'; known: \(BackendRegistry.kinds.joined(separator: ", "))")
    }
    do {
        return JobBundle(kind: kind, spec: try Data(contentsOf: URL(fileURLWithPath: jobPath)))
    } catch {
        throw InputError(file: jobPath, "cannot read the job spec: \(error.localizedDescription)")
    }
}
