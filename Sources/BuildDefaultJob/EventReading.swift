/// How one event row is read (RULES.md section 1): it opens a link on its own
/// layer, it is an act (a link on the institutional layer), or it is a note (no link).
enum EventReading: String {
    case opens
    case act
    case note

    /// Reads `event_readings.csv` and matches it one-to-one with `events`.
    ///
    /// Fails when an event has no reading, a reading names no event, a key is read
    /// twice, or an `opens` reading falls on a row tagged `institutional`.
    static func load(_ table: CSVTable, events: [FactEvent], eventsFile: String) throws -> [FactEvent.Key: EventReading] {
        let known = Set(events.map(\.key))
        var readings: [FactEvent.Key: EventReading] = [:]
        for row in table.rows {
            let key = FactEvent.Key(year: try table.int(row, "year"), eventType: row["event_type"],
                                    fromID: row["from_id"], toID: row["to_id"])
            guard let reading = EventReading(rawValue: row["reading"]) else {
                throw BuildError(file: table.file, line: row.line,
                                 "column 'reading': '\(row["reading"])' is not one of opens, act, note")
            }
            guard known.contains(key) else {
                throw BuildError(file: table.file, line: row.line, "no row of \(eventsFile) has the key \(key)")
            }
            guard readings[key] == nil else {
                throw BuildError(file: table.file, line: row.line, "the key \(key) is read twice")
            }
            readings[key] = reading
        }
        for event in events {
            guard let reading = readings[event.key] else {
                throw BuildError(file: eventsFile, line: event.line, "no reading in \(table.file) for \(event.key)")
            }
            if reading == .opens && event.layer == LinkLayer.institutional {
                throw BuildError(file: table.file, "\(event.key): an institutional row cannot be read as 'opens'")
            }
        }
        return readings
    }
}
