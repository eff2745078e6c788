import CooperationNetwork
import Foundation

/// A CSV file read by `CSVScanner` (RFC 4180 quoting, CSV.swift's rules), each
/// record tagged with the physical line it starts on.
///
/// Line numbers: the header is line 1; a record that holds a quoted line break
/// spans several physical lines, and the next record's number accounts for
/// them (LF, CR LF and a lone CR each end one line). Blank lines are skipped
/// but counted.
package struct CSVDocument: Sendable {
    package struct Record: Sendable {
        /// 1-based physical line on which the record starts.
        package var line: Int
        package var fields: [String]
    }

    package var header: [String]
    package var records: [Record]
    /// The physical line after the last record (where more rows would start).
    package var endLine: Int

    /// Parses `data` (UTF-8, optional BOM). Rows whose field count differs from the
    /// header's are reported and left out.
    ///
    /// - Parameter expecting: the header a reader wants (e.g. `t,<indicator>,...`), named
    ///   when the file is empty.
    /// - Throws: `InputError` for bad encoding or an empty file; row-level
    ///   problems are appended to `issues` instead.
    package static func parse(
        _ data: Data, file: String, issues: inout InputError,
        expecting: String? = nil
    ) throws -> CSVDocument {
        let text = try UTF8Text.decode(data, file: file)
        var line = 1
        var header: [String]?
        var records: [Record] = []
        for fields in CSVScanner.records(text) {
            let start = line
            line += 1
            // Only quoted fields can hold line breaks; most rows have none.
            for field in fields where field.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D }) {
                line += UTF8Text.lineBreaks(in: field.utf8)
            }
            if fields.count == 1 && fields[0].unicodeScalars.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            guard let header else {
                header = fields
                continue
            }
            if fields.count != header.count {
                // A swallowed final line end does not start another line of the row.
                let trailing = fields.last?.utf8.last.map { $0 == 0x0A || $0 == 0x0D } ?? false
                let end = line - 1 - (trailing ? 1 : 0)
                let spans = end > start ? "; the row runs over lines \(start)–\(end): is a closing quote missing?" : ""
                issues.append(
                    InputIssue(
                        file: file, line: start,
                        message:
                            "expected \(header.count) fields as in the header, found \(fields.count)" + spans))
                continue
            }
            records.append(Record(line: start, fields: fields))
        }
        guard let header else {
            throw InputError(file: file, line: 1, "empty file: no header row" + (expecting.map { " (expected \($0))" } ?? ""))
        }
        return CSVDocument(header: header, records: records, endLine: line)
    }
}
