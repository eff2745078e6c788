/// One row of `facts/events.csv`: a dated event between two places, tagged with a layer.
struct FactEvent {
    /// Identifies the row for `event_readings.csv`: (year, event_type, from_id, to_id).
    struct Key: Hashable, CustomStringConvertible {
        let year: Int
        let eventType: String
        let fromID: String
        let toID: String

        var description: String { "\(year),\(eventType),\(fromID),\(toID)" }
    }

    let line: Int
    let key: Key
    let layer: String

    var year: Int { key.year }
    var pair: PlacePair { PlacePair(key.fromID, key.toID) }

    static func load(_ table: CSVTable) throws -> [FactEvent] {
        var seen: [Key: Int] = [:]
        return try table.rows.map { row in
            let key = Key(year: try table.int(row, "year"), eventType: row["event_type"],
                          fromID: row["from_id"], toID: row["to_id"])
            if let first = seen[key] {
                throw BuildError(file: table.file, line: row.line,
                                 "same (year, event_type, from_id, to_id) as line \(first); readings could not tell them apart")
            }
            seen[key] = row.line
            return FactEvent(line: row.line, key: key, layer: row["layer"])
        }
    }
}
