import CSV
import Foundation

/// A CSV file with a header row, read as text whatever its line endings
/// (CRLF or LF), each row remembering its 1-based line number in the file.
///
/// Line numbers assume no field spans several lines; the reader checks that
/// and refuses files where it is not true, so `line` can be cited safely.
struct CSVTable {
    struct Row {
        /// 1-based line number in the file (the header is line 1).
        let line: Int
        let fields: [String: String]

        /// The value of `column`, which `CSVTable.read` guaranteed to exist.
        subscript(column: String) -> String { fields[column] ?? "" }
    }

    let file: String
    let header: [String]
    let rows: [Row]

    /// Reads `url`, requiring every column of `required`. `name` is how errors cite the file.
    static func read(_ url: URL, name: String, required: [String]) throws -> CSVTable {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw BuildError(file: name, "cannot read as UTF-8 text (\(error.localizedDescription))")
        }
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: true)
        } catch {
            throw BuildError(file: name, "cannot read the header row")
        }
        let header = reader.headerRow ?? []
        for column in required where !header.contains(column) {
            throw BuildError(file: name, line: 1, "missing column '\(column)'")
        }
        var rows: [Row] = []
        var line = 1
        while let values = reader.next() {
            line += 1
            if values.count == 1 && values[0].isEmpty { continue }
            guard values.count == header.count else {
                throw BuildError(
                    file: name, line: line,
                    "\(values.count) fields, the header has \(header.count)")
            }
            if values.contains(where: { $0.contains("\n") || $0.contains("\r") }) {
                throw BuildError(file: name, line: line, "a field spans several lines; line numbers would be wrong")
            }
            rows.append(Row(line: line, fields: Dictionary(uniqueKeysWithValues: zip(header, values))))
        }
        if let error = reader.error {
            throw BuildError(file: name, "unreadable CSV (\(error))")
        }
        return CSVTable(file: name, header: header, rows: rows)
    }

    /// An integer field, or an error naming file, line and column.
    func int(_ row: Row, _ column: String) throws -> Int {
        guard let value = Int(row[column]) else {
            throw BuildError(file: file, line: row.line, "column '\(column)': '\(row[column])' is not an integer")
        }
        return value
    }

    /// A finite number field, or an error naming file, line and column.
    func double(_ row: Row, _ column: String) throws -> Double {
        guard let value = Double(row[column]), value.isFinite else {
            throw BuildError(file: file, line: row.line, "column '\(column)': '\(row[column])' is not a finite number")
        }
        return value
    }
}
