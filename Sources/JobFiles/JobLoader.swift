import Analysis
import CooperationNetwork
import Foundation

/// Loads and validates a whole job from disk: the spec, places.csv and
/// links.csv, and the names the spec gives against the panel.
///
/// Every issue of the three files is reported in one `InputError` (spec
/// first, then the data, then the spec's names checked against the data),
/// so one run of `transborder validate` shows everything to fix.
public enum JobLoader {
    /// Loads the job at `path`: a job.yaml/job.yml/job.json file or a folder holding one.
    /// Data paths are relative to the spec's folder.
    ///
    /// - Throws: `InputError`.
    public static func load(path: String) throws -> LoadedJob {
        let directory = try JobDirectory(path: path)
        let specBytes = try read(directory.specURL, shownAs: directory.specPath)
        let text = try UTF8Text.decode(specBytes, file: directory.specPath)
        var reading = JobSpecParser.read(yaml: text, fileName: directory.specPath)
        var issues = reading.issues
        guard reading.dataValid else { throw issues }
        let spec = reading.spec

        var files: [Data?] = []
        for (key, relative) in [("places", spec.places), ("links", spec.links)] {
            let url = directory.dataURL(relative)
            do {
                files.append(try read(url, shownAs: directory.dataPath(relative)))
            } catch let error as InputError {
                for issue in error.issues {
                    issues.append(InputIssue(file: directory.specPath, line: reading.lines["data.\(key)"],
                                             field: "data.\(key)", message: "\(issue.file): \(issue.message)"))
                }
                files.append(nil)
            }
        }
        guard let placesBytes = files[0], let linksBytes = files[1] else { throw issues }
        let panel: Panel
        do {
            panel = try PanelLoader.load(placesCSV: placesBytes, placesName: directory.dataPath(spec.places),
                                         linksCSV: linksBytes, linksName: directory.dataPath(spec.links),
                                         years: reading.yearsValid ? spec.firstYear...spec.lastYear : nil,
                                         directed: spec.directed)
        } catch let error as InputError {
            issues.append(contentsOf: error)
            throw issues
        }
        reading.issues = JobSpecParser.panelIssues(spec, panel: panel, fileName: directory.specPath,
                                                   lines: reading.lines)
        issues.append(contentsOf: reading.issues)
        try issues.throwIfAny()
        return LoadedJob(spec: spec, panel: panel, directory: directory, specBytes: specBytes,
                         placesBytes: placesBytes, linksBytes: linksBytes)
    }

    /// The bytes of a file, or an `InputError` naming it as the user sees it.
    static func read(_ url: URL, shownAs name: String) throws -> Data {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else {
            throw InputError(file: name, "no such file")
        }
        guard !isFolder.boolValue else { throw InputError(file: name, "is a folder, expected a file") }
        do {
            return try Data(contentsOf: url)
        } catch {
            throw InputError(file: name, "cannot read the file (\(error.localizedDescription))")
        }
    }
}
