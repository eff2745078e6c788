import Foundation

/// One row of `facts/port_volumes_by_year.csv`: a volume at one port in one year
/// (full year, partial or cumulative: the unit says which). Never a weight (RULES.md
/// section 2); its reading dates an opening or confirms a tie.
struct FactVolume {
    /// Identifies the row for `volume_readings.csv`: (year, port_id, unit).
    struct Key: Hashable, CustomStringConvertible {
        let year: Int
        let portID: String
        let unit: String

        var description: String { "\(year),\(portID),\(unit)" }
    }

    let line: Int
    let key: Key
    let unverified: Bool

    var ref: String { "ports:\(line)" }

    static func load(_ table: CSVTable) throws -> [FactVolume] {
        var seen: [Key: Int] = [:]
        return try table.rows.map { row in
            let key = Key(year: try table.int(row, "year"), portID: row["port_id"], unit: row["unit"])
            if let first = seen[key] {
                throw BuildError(
                    file: table.file, line: row.line,
                    "same (year, port_id, unit) as line \(first); readings could not tell them apart")
            }
            seen[key] = row.line
            let unverified = row["source"].trimmingCharacters(in: .whitespaces).lowercased() == "unverified"
            return FactVolume(line: row.line, key: key, unverified: unverified)
        }
    }
}
