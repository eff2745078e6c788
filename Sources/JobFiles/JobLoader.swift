import Analysis
import CooperationNetwork
import Foundation

/// Loads and validates a whole job from disk: the spec, places.csv and
/// links.csv, and the names the spec gives against the panel.
///
/// Every issue of the three files is reported in one `InputError` (spec
/// first, then the data, then the spec's names checked against the data),
/// so one run of `transborder validate` shows everything to fix.
package enum JobLoader {
    /// Loads the job at `path`: a job.yaml/job.yml/job.json file or a folder holding one.
    /// Data paths are relative to the spec's folder.
    ///
    /// - Throws: `InputError`.
    package static func load(path: String) throws -> LoadedJob {
        let directory = try JobDirectory(path: path)
        let specBytes = try read(directory.specURL, shownAs: directory.specPath)
        let reading = try readSpec(specBytes, name: directory.specPath)
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
                    issues.append(
                        InputIssue(
                            file: directory.specPath, line: reading.lines["data.\(key)"],
                            field: "data.\(key)", message: "\(issue.file): \(issue.message)"))
                }
                files.append(nil)
            }
        }
        guard let placesBytes = files[0], let linksBytes = files[1] else { throw issues }
        let panel = try panel(
            of: reading, specName: directory.specPath,
            places: placesBytes, placesName: directory.dataPath(spec.places),
            links: linksBytes, linksName: directory.dataPath(spec.links))
        return LoadedJob(
            spec: spec, panel: panel, directory: directory, specBytes: specBytes,
            placesBytes: placesBytes, linksBytes: linksBytes)
    }

    /// Loads a job from the bytes of its three files, as a worker receives them in a
    /// bundle: the same decoding (UTF-8, byte order mark dropped), parser and checks as
    /// `load(path:)`, so a job that validates is a job that runs anywhere.
    ///
    /// - Parameter specName: how issues name the spec (data files are named as the spec names them).
    /// - Throws: `InputError`.
    package static func load(
        specBytes: Data, placesBytes: Data, linksBytes: Data,
        specName: String = "job.yaml"
    ) throws -> (spec: JobSpec, panel: Panel) {
        let reading = try readSpec(specBytes, name: specName)
        guard reading.dataValid else { throw reading.issues }
        let panel = try panel(
            of: reading, specName: specName, places: placesBytes, placesName: reading.spec.places,
            links: linksBytes, linksName: reading.spec.links)
        return (reading.spec, panel)
    }

    /// The one way spec bytes become a spec: UTF-8 (a byte order mark dropped), then YAML/JSON.
    static func readSpec(_ bytes: Data, name: String) throws -> JobSpecReading {
        let text = try UTF8Text.decode(bytes, file: name)
        return JobSpecParser.read(yaml: text, fileName: name)
    }

    /// The panel of the data files, checked against the spec; throws the spec's issues
    /// so far together with the data's and the cross-checks'.
    private static func panel(
        of reading: JobSpecReading, specName: String, places: Data, placesName: String,
        links: Data, linksName: String
    ) throws -> Panel {
        var issues = reading.issues
        let spec = reading.spec
        let panel: Panel
        do {
            panel = try PanelLoader.load(
                placesCSV: places, placesName: placesName,
                linksCSV: links, linksName: linksName,
                years: reading.yearsValid ? spec.firstYear...spec.lastYear : nil,
                directed: spec.directed)
        } catch let error as InputError {
            issues.append(contentsOf: error)
            throw issues
        }
        issues.append(contentsOf: JobSpecParser.panelIssues(spec, panel: panel, fileName: specName, lines: reading.lines))
        try issues.throwIfAny()
        return panel
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
