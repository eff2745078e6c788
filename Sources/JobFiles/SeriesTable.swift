import CooperationNetwork
import Foundation
import StageTransition

/// SERIES.csv read and validated (`transborder stages`): the t column and the indicator values.
///
/// Line numbers are physical lines (the header is line 1; a quoted field
/// holding line breaks advances them; blank lines are skipped but counted).
package struct SeriesTable: Sendable {
    package var indicators: [String]
    package var times: [Double]
    package var signal: Signal

    /// Reads `path`; throws `InputError` naming every bad line and field.
    package init(path: String) throws {
        var problems = InputError()
        var rowCounts = InputError()
        let document = try CSVInputFile.read(path, expecting: "year,<indicator>,...", issues: &rowCounts)
        let columns = Self.header(document.header, path: path, problems: &problems)
        try problems.throwIfAny()
        var times: [Double] = []
        var values: [Double] = []
        var lastTime: (value: Double, line: Int)?
        for record in document.records {
            let row = record.fields
            let start = record.line
            var rowValues: [Double] = []
            var valid = true
            for (name, raw) in zip(columns, row) {
                // Fast path: most cells are plain numbers; trim only when needed.
                if let value = Double(raw), value.isFinite {
                    rowValues.append(value)
                    continue
                }
                let cell = raw.trimmingCharacters(in: .whitespaces)
                guard let value = Double(cell), value.isFinite else {
                    let reason =
                        cell.isEmpty
                        ? "empty cell"
                        : Double(cell) == nil ? "'\(cell)' is not a number" : "\(cell) is not a finite number"
                    problems.append(InputIssue(file: path, line: start, field: name, message: reason))
                    valid = false
                    continue
                }
                rowValues.append(value)
            }
            guard valid else { continue }
            if let lastTime, rowValues[0] <= lastTime.value {
                problems.append(
                    InputIssue(
                        file: path, line: start, field: columns[0],
                        message:
                            "t must increase strictly (line \(lastTime.line) has \(Self.number(lastTime.value)))"))
            }
            lastTime = (rowValues[0], start)
            times.append(rowValues[0])
            values.append(contentsOf: rowValues.dropFirst())
        }
        problems.append(contentsOf: rowCounts)
        try problems.throwIfAny()
        guard !times.isEmpty else {
            throw InputError(file: path, line: document.endLine, "no data rows after the header")
        }
        indicators = Array(columns.dropFirst())
        self.times = times
        do {
            signal = try Signal(rows: times.count, dims: indicators.count, values: values)
        } catch {
            throw InputError(file: path, "\(error)")
        }
    }

    private static func header(_ row: [String], path: String, problems: inout InputError) -> [String] {
        let names = row.map { $0.trimmingCharacters(in: .whitespaces) }
        if names.first != "year" && names.first != "t" {
            problems.append(
                InputIssue(
                    file: path, line: 1, field: names.first ?? "",
                    message: "the first column must be year (or t; the header is year,<indicator>,...)"))
        }
        if names.count < 2 {
            problems.append(InputIssue(file: path, line: 1, message: "no indicator column (the header is year,<indicator>,...)"))
        }
        var seen: Set<String> = []
        for name in names {
            if name.isEmpty {
                problems.append(InputIssue(file: path, line: 1, message: "empty column name"))
            } else if !seen.insert(name).inserted {
                problems.append(InputIssue(file: path, line: 1, field: name, message: "duplicated column"))
            }
        }
        return names
    }

    /// t as written for a number: integers without a decimal point.
    package static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 9.0e15 { return String(Int64(value)) }
        return value.description
    }
}
