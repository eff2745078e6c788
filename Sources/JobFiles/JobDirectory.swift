import CooperationNetwork
import Foundation

/// Where a job lives: its spec file and the folder its data paths are relative to.
///
/// Display paths keep the spelling the user gave (`jobs/tiny` → `jobs/tiny/job.yaml`,
/// `jobs/tiny/places.csv`) so that error messages point where the user looks.
package struct JobDirectory: Sendable, Hashable {
    /// Spec file names looked for in a folder, in this order (the first that exists wins).
    package static let specFileNames = ["job.yaml", "job.yml", "job.json"]

    /// Extensions of files that are never a spec (data, tables, archives), refused in one line
    /// rather than parsed as YAML.
    static let dataFileKinds = [
        "csv": "a CSV file", "tsv": "a TSV file", "geojson": "a GeoJSON file", "xlsx": "a spreadsheet",
        "xls": "a spreadsheet", "ods": "a spreadsheet", "parquet": "a Parquet file", "html": "an HTML page",
        "sqlite": "a database", "db": "a database", "zip": "an archive", "gz": "a compressed file", "png": "an image",
    ]

    package let specURL: URL
    /// The spec path as shown in messages.
    package let specPath: String
    /// The folder holding the spec, as shown in messages ("" for the current folder).
    package let folderPath: String

    /// Locates the spec: `path` is a spec file or a folder holding one.
    ///
    /// - Throws: `InputError` when nothing usable is there.
    package init(path: String) throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw InputError(file: path, "no such file or folder (expected a job spec or a folder holding one)")
        }
        if isFolder.boolValue {
            let folder = URL(fileURLWithPath: path, isDirectory: true)
            guard
                let name = Self.specFileNames.first(where: {
                    FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path)
                })
            else {
                throw InputError(file: path, "no \(Self.specFileNames.joined(separator: ", ")) in this folder")
            }
            specURL = folder.appendingPathComponent(name)
            specPath = Self.join(path, name)
            folderPath = path
        } else {
            let suffix = (path as NSString).pathExtension.lowercased()
            if let kind = Self.dataFileKinds[suffix] {
                throw InputError(
                    file: path,
                    "\(kind), not a job spec: pass the job's folder or its job.yaml "
                        + "(\(Self.specFileNames.joined(separator: ", ")); docs/JOB_SPEC.md)")
            }
            specURL = URL(fileURLWithPath: path)
            specPath = path
            folderPath = (path as NSString).deletingLastPathComponent
        }
    }

    /// The URL of a data file named in the spec (absolute, or relative to the spec's folder).
    package func dataURL(_ relative: String) -> URL {
        relative.hasPrefix("/")
            ? URL(fileURLWithPath: relative)
            : specURL.deletingLastPathComponent().appendingPathComponent(relative)
    }

    /// A data file's path as shown in messages.
    package func dataPath(_ relative: String) -> String {
        relative.hasPrefix("/") ? relative : Self.join(folderPath, relative)
    }

    private static func join(_ folder: String, _ name: String) -> String {
        if folder.isEmpty || folder == "." { return name }
        return folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }
}
