import Centrality
import CooperationNetwork
import Foundation

/// An edge list read and validated from CSV: node names in order of first
/// appearance and edges between their indices (`transborder centrality`).
///
/// Line numbers are physical lines (the header is line 1), as for a job's panel.
package struct EdgeList: Sendable {
    package var nodes: [String] = []
    package var edges: [WeightedEdge] = []

    /// Reads `path`; throws `InputError` naming every bad line and field.
    package init(path: String) throws {
        var problems = InputError()
        var rowCounts = InputError()
        let document = try CSVInputFile.read(path, expecting: "source,target[,weight]", issues: &rowCounts)
        let header = document.header
        let columns = Self.columns(header, path: path, problems: &problems)
        try problems.throwIfAny()
        guard let sourceColumn = columns["source"], let targetColumn = columns["target"] else {
            throw InputError(file: path, line: 1, "missing column")  // unreachable: columns() reported it
        }
        let weightColumn = columns["weight"]
        var index: [String: Int] = [:]
        func node(_ name: String) -> Int {
            if let i = index[name] { return i }
            index[name] = nodes.count
            nodes.append(name)
            return nodes.count - 1
        }
        for record in document.records {
            let row = record.fields
            let line = record.line
            let source = Self.trimmed(row[sourceColumn])
            let target = Self.trimmed(row[targetColumn])
            var weight = 1.0
            var valid = true
            for (field, value) in [("source", source), ("target", target)] where value.isEmpty {
                problems.append(InputIssue(file: path, line: line, field: field, message: "empty node id"))
                valid = false
            }
            if let weightColumn {
                let raw = Self.trimmed(row[weightColumn])
                if let parsed = Double(raw), parsed.isFinite, parsed > 0 {
                    weight = parsed
                } else {
                    let reason =
                        Double(raw) == nil
                        ? "'\(raw)' is not a number"
                        : "\(raw) is not a finite positive number"
                    problems.append(
                        InputIssue(
                            file: path, line: line, field: "weight",
                            message: "\(reason) (weights are intensities > 0)"))
                    valid = false
                }
            }
            guard valid else { continue }
            edges.append(WeightedEdge(source: node(source), target: node(target), weight: weight))
        }
        problems.append(contentsOf: rowCounts)
        try problems.throwIfAny()
    }

    /// Surrounding spaces and tabs removed; the common unpadded field is returned as is
    /// (Foundation's trimming dominated the parse time of large edge lists).
    package static func trimmed(_ field: String) -> String {
        guard let first = field.unicodeScalars.first, let last = field.unicodeScalars.last,
            first == " " || first == "\t" || last == " " || last == "\t"
        else { return field }
        return field.trimmingCharacters(in: .whitespaces)
    }

    /// Maps the header's column names (trimmed) to positions, reporting
    /// missing, duplicated and unknown columns.
    private static func columns(_ header: [String], path: String, problems: inout InputError) -> [String: Int] {
        let allowed = ["source", "target", "weight"]
        var columns: [String: Int] = [:]
        for (position, rawName) in header.enumerated() {
            let name = rawName.trimmingCharacters(in: .whitespaces)
            if !allowed.contains(name) {
                problems.append(
                    InputIssue(
                        file: path, line: 1, field: name,
                        message: "unknown column (the header is source,target[,weight])"))
            } else if columns[name] != nil {
                problems.append(InputIssue(file: path, line: 1, field: name, message: "duplicated column"))
            } else {
                columns[name] = position
            }
        }
        for required in ["source", "target"] where columns[required] == nil {
            problems.append(
                InputIssue(
                    file: path, line: 1, field: required,
                    message: "missing column (the header is source,target[,weight])"))
        }
        return columns
    }
}
