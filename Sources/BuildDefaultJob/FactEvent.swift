import Foundation

/// One row of `facts/events.csv`: a dated event between two places. Its `layer` tag is
/// not read: the rule takes the layer from the reading's object (RULES.md section 2).
struct FactEvent {
    /// Identifies the row for `event_readings.csv`: (year, event_type, from_id, to_id).
    struct Key: Hashable, CustomStringConvertible {
        let year: Int
        let eventType: String
        let fromID: String
        let toID: String

        var description: String { "\(year),\(eventType),\(fromID),\(toID)" }

        /// Parses the `year|event_type|from_id|to_id` form used by `superseded_by`.
        init?(piped text: String) {
            let parts = text.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 4, let year = Int(parts[0]) else { return nil }
            self.init(year: year, eventType: parts[1], fromID: parts[2], toID: parts[3])
        }

        init(year: Int, eventType: String, fromID: String, toID: String) {
            self.year = year
            self.eventType = eventType
            self.fromID = fromID
            self.toID = toID
        }
    }

    let line: Int
    let key: Key
    /// True when the facts give no retrievable source (`unverified`): the tie is flagged estimated.
    let unverified: Bool

    var year: Int { key.year }
    var pair: PlacePair { PlacePair(key.fromID, key.toID) }
    var ref: String { "events:\(line)" }

    static func load(_ table: CSVTable) throws -> [FactEvent] {
        var seen: [Key: Int] = [:]
        return try table.rows.map { row in
            let key = Key(
                year: try table.int(row, "year"), eventType: row["event_type"],
                fromID: row["from_id"], toID: row["to_id"])
            if let first = seen[key] {
                throw BuildError(
                    file: table.file, line: row.line,
                    "same (year, event_type, from_id, to_id) as line \(first); readings could not tell them apart")
            }
            seen[key] = row.line
            if key.fromID == key.toID {
                throw BuildError(file: table.file, line: row.line, "from_id equals to_id: a tie cannot join a place to itself")
            }
            let unverified = row["source"].trimmingCharacters(in: .whitespaces).lowercased() == "unverified"
            return FactEvent(line: row.line, key: key, unverified: unverified)
        }
    }
}
