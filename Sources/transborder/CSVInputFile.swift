import CSV
import CooperationNetwork
import Foundation

/// Opens a user's CSV file for the commands that read one (`centrality`,
/// `stages`): bytes must be UTF-8 (a BOM is dropped), parsing is CSV.swift's
/// RFC 4180 reader; every failure is an `InputError` naming the file.
enum CSVInputFile {
    static func open(_ path: String) throws -> CSVReader {
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot read the file" : "no such file"
            throw InputError(file: path, reason)
        }
        guard var text = String(data: data, encoding: .utf8) else {
            throw InputError(file: path, "not valid UTF-8 text")
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        do {
            return try CSVReader(string: text, hasHeaderRow: false)
        } catch {
            throw InputError(file: path, "cannot parse CSV: \(error)")
        }
    }
}
