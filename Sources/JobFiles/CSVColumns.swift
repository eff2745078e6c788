import CooperationNetwork

/// Where the columns a table needs sit in a CSV header.
///
/// Header names are trimmed of spaces and tabs and matched exactly (case
/// matters); columns that are neither required nor optional are ignored.
/// A missing required column or any duplicated column name is an issue on
/// line 1, with a "did you mean" hint for near misses such as `Lat` or `latitude`.
struct CSVColumns {
    private let positions: [String: Int]

    /// The columns of `header`, or nil (with issues appended) when a required
    /// column is missing or a column name appears twice.
    static func locate(
        _ header: [String], required: [String], optional: [String], file: String,
        issues: inout InputError
    ) -> CSVColumns? {
        var positions: [String: Int] = [:]
        var seen: Set<String> = []
        var valid = true
        let names = header.map(PanelValidation.trimmed)
        for (position, name) in names.enumerated() where !name.isEmpty {
            if !seen.insert(name).inserted {
                issues.append(InputIssue(file: file, line: 1, field: name, message: "duplicated column"))
                valid = false
            } else if required.contains(name) || optional.contains(name) {
                positions[name] = position
            }
        }
        let unknown = names.filter { !$0.isEmpty && !required.contains($0) && !optional.contains($0) }
        for name in required where positions[name] == nil {
            let hint = NameSuggestion.closest(to: name, in: unknown).map { " (is '\($0)' meant to be '\(name)'?)" } ?? ""
            issues.append(
                InputIssue(
                    file: file, line: 1, field: name,
                    message:
                        "missing required column (the header needs \(required.joined(separator: ",")))" + hint))
            valid = false
        }
        return valid ? CSVColumns(positions: positions) : nil
    }

    /// Whether the header has `column`.
    func has(_ column: String) -> Bool { positions[column] != nil }

    /// The field of `column` in `fields`, or nil when the header has no such column.
    func value(_ column: String, in fields: [String]) -> String? {
        positions[column].map { fields[$0] }
    }

    /// The field of a required column (present by construction; "" otherwise).
    subscript(_ column: String, fields: [String]) -> String {
        value(column, in: fields) ?? ""
    }
}
