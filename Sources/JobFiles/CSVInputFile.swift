import CooperationNetwork
import Foundation

/// Reads a user's CSV file for the commands that take one (`centrality`, `stages`)
/// as jobs' panels are read (`CSVDocument`): UTF-8 (a BOM is dropped; a bad byte is
/// named by line and column), RFC 4180 quoting, physical line numbers, blank lines
/// skipped, rows with another field count than the header reported into `issues`.
package enum CSVInputFile {
    package static func read(_ path: String, expecting header: String, issues: inout InputError) throws -> CSVDocument {
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot read the file" : "no such file"
            throw InputError(file: path, reason)
        }
        return try CSVDocument.parse(data, file: path, issues: &issues, expecting: header)
    }
}
